// Fuzzing, bounded in runs and in time (set FUZZ_SEED to replay a run; the seed of a failure is printed):
// - random and mutated Codex patches sent by the model through apply_patch, whole engine, full-auto: the
//   turn always completes, the model is always told an outcome (applied, or why not — never an internal
//   error), nothing outside the workspace changes or is read, no temporary file is left behind;
// - random and mutated webview messages through the sidebar's validation and dispatch: it never throws,
//   drops and logs (briefly) what is invalid, and hands a handler only the validated message.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { startCloud, type Cloud } from '../../support/engine-harness';
import { waitFor } from '../../support/fault-checks';
import { FaultEngine } from '../../support/fault-engine';
import { checkWebviewMessage, patchArbitrary, PatchFuzzBench, recordingHandlers, webviewArbitrary } from '../../support/fault-fuzz';
import { call, codexPatch, tempDirs, toolResults } from './helpers';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 1_000_000;

describe('resilience: fuzzing patches and webview messages', function () {
  this.timeout(30_000);
  let cloud: Cloud;
  let bench: PatchFuzzBench;
  let base: string;

  before(async () => {
    cloud = await startCloud('bedrock');
    base = tempDirs('cw-fuzz-').base;
    bench = await PatchFuzzBench.create(base, cloud);
  });
  after(async () => {
    await bench.engine.engine.shutdown();
    await cloud.close();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('random and mutated patches: no crash, an outcome for every patch, no write or read outside the workspace', async () => {
    let runs = 0;
    const result = await fc.check(
      fc.asyncProperty(fc.array(patchArbitrary(bench.outside), { minLength: 1, maxLength: 3 }), async (patches) => {
        runs++;
        const problems = await bench.check(patches);
        assert.deepEqual(problems, [], patches.join('\n-----\n'));
      }),
      { numRuns: 200, interruptAfterTimeLimit: 6_000, markInterruptAsFailure: false, seed },
    );
    if (result.failed) throw new Error(`${fc.defaultReportMessage(result) ?? 'failed'}\n${String(result.errorInstance)}`);
    assert.ok(runs >= 25, `only ${runs} runs in the time limit`);
  });

  it('random and mutated webview messages: never throws, drops and logs the invalid, delivers only validated messages', async () => {
    const got: unknown[] = [];
    const handlers = recordingHandlers(got);
    const result = await fc.check(
      fc.asyncProperty(webviewArbitrary(), async (raw) => {
        assert.deepEqual(await checkWebviewMessage(raw, handlers, got), []);
      }),
      { numRuns: 1500, interruptAfterTimeLimit: 4_000, markInterruptAsFailure: false, seed },
    );
    if (result.failed) throw new Error(`${fc.defaultReportMessage(result) ?? 'failed'}\n${String(result.errorInstance)}`);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    assert.ok(got.length > 50, 'valid messages were generated and delivered too');
  });
});

// Found by the patch fuzzer: a patch whose files have no hunk (a pure rename, an empty or binary file
// deleted, an empty file added) could never be accepted — even in full-auto the model was told "The user
// rejected this patch" and nothing was written. Such a file is now taken or left as a whole.
describe('resilience: patches without hunks (found by fuzzing)', function () {
  this.timeout(30_000);
  let cloud: Cloud;
  let dirs: ReturnType<typeof tempDirs>;
  let engines: FaultEngine[] = [];

  beforeEach(async () => {
    cloud = await startCloud('bedrock');
    dirs = tempDirs('cw-hunkless-');
    fs.writeFileSync(path.join(dirs.ws, 'old-name.txt'), 'keep me\n');
    fs.writeFileSync(path.join(dirs.ws, 'empty.txt'), '');
    fs.writeFileSync(path.join(dirs.ws, 'blob.bin'), Buffer.from([0, 1, 2, 0xff]));
  });
  afterEach(async () => {
    for (const e of engines) await e.engine.shutdown();
    engines = [];
    await cloud.close();
  });

  const HUNKLESS = codexPatch(['*** Update File: old-name.txt', '*** Move to: new-name.txt', '@@', ' keep me'], ['*** Delete File: empty.txt'], ['*** Delete File: blob.bin'], ['*** Add File: created-empty.txt']);

  it('applies them in full-auto', async () => {
    const fe = await FaultEngine.start({ clouds: [cloud], workspace: dirs.ws, state: dirs.state, settings: { approvalPolicy: 'full-auto' } });
    engines.push(fe);
    cloud.script([{ steps: [call('h1', 'apply_patch', { input: HUNKLESS })] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    const turn = await fe.run((await fe.engine.startThread({})).id, 'Tidy up');
    assert.equal(turn.status, 'completed');
    assert.match(toolResults(cloud.requests[1]).get('h1')!.output, /^Success\./);
    assert.deepEqual(fs.readdirSync(dirs.ws).sort(), ['created-empty.txt', 'new-name.txt']);
    assert.equal(fs.readFileSync(path.join(dirs.ws, 'new-name.txt'), 'utf8'), 'keep me\n');
  });

  it('lets the reviewer take or leave each such file as a whole', async () => {
    const fe = await FaultEngine.start({ clouds: [cloud], workspace: dirs.ws, state: dirs.state, approve: () => new Promise(() => undefined) });
    engines.push(fe);
    cloud.script([{ steps: [call('h2', 'apply_patch', { input: HUNKLESS })] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    const thread = await fe.engine.startThread({});
    const { done } = await fe.engine.startTurn({ threadId: thread.id, text: 'Tidy up', attachments: [] });
    await waitFor('the patch', () => fe.events.some((e) => e.method === 'item/started' && e.params.item.type === 'fileChange'));
    const started = fe.events.find((e) => e.method === 'item/started' && e.params.item.type === 'fileChange');
    const patchId = started?.method === 'item/started' && started.params.item.type === 'fileChange' ? started.params.item.patch.id : '';
    // Reject the rename and the binary deletion, accept the rest: the patch is partly applied.
    let view = (await fe.engine.decidePatch(thread.id, patchId, [{ path: 'old-name.txt', decision: 'rejected' }, { path: 'blob.bin', decision: 'rejected' }, { path: 'empty.txt', decision: 'accepted' }])).patch;
    assert.equal(view.status, 'pending', 'one file is still undecided');
    view = (await fe.engine.decidePatch(thread.id, patchId, [{ path: 'created-empty.txt', decision: 'accepted' }])).patch;
    assert.equal(view.status, 'partiallyApplied');
    await done;
    assert.deepEqual(fs.readdirSync(dirs.ws).sort(), ['blob.bin', 'created-empty.txt', 'old-name.txt']);
  });
});
