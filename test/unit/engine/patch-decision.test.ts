// A patch decision travels one channel: a turn waiting on the user's review of a patch is not waiting on
// an answer to a question — the pending item says why it waits, and the turn goes on when the patch/*
// requests settle the patch, here hunk by hunk (patch/decide) as the sidebar and the diff editor do.
import assert from 'node:assert/strict';
import type { EngineNotification, ItemOf } from '../../../src/protocol';
import { EngineHarness, startCloud, type Cloud } from '../../support/engine-harness';
import { lastToolResult } from '../../support/scripted-model';

const FILE = ['const a = 1;', ...Array.from({ length: 12 }, (_, i) => `// line ${i + 2}`), 'const z = 26;', ''].join('\n');
const PATCH = ['*** Begin Patch', '*** Update File: a.js', '@@', '-const a = 1;', '+const a = 2;', '@@', '-const z = 26;', '+const z = 27;', '*** End Patch'].join('\n');

/** The first event `match` accepts, waiting for it (bounded). */
async function eventOf<T>(h: EngineHarness, match: (e: EngineNotification) => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const e of h.events) {
      const found = match(e);
      if (found !== undefined) return found;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a patch decision travels one channel', () => {
  let cloud: Cloud;
  let h: EngineHarness | undefined;
  beforeEach(async () => {
    cloud = await startCloud('bedrock');
  });
  afterEach(async () => {
    await h?.close();
    await cloud.close();
  });

  it('the turn waits on the patch itself and goes on once patch/decide has settled every hunk', async () => {
    // The test's user never answers through the harness: only the test's patch/decide requests settle the patch.
    const asked: string[] = [];
    const approve = (method: string) => {
      asked.push(method);
      return new Promise<never>(() => undefined);
    };
    h = await EngineHarness.create({ clouds: [cloud], files: { 'a.js': FILE }, approve });
    cloud.script([{ steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] }, { steps: [{ type: 'text', text: 'Kept a = 2.' }] }]);
    const { done } = await h.start('Bump both constants');
    const item = await eventOf(h, (e) => (e.method === 'item/started' && e.params.item.type === 'fileChange' ? (e.params.item as ItemOf<'fileChange'>) : undefined), 'the proposed patch');
    assert.equal(item.patch.status, 'pending');
    assert.match(item.reviewReason ?? '', /read-only policy asks/, 'the item says why the turn waits for the user');

    const first = await h.engine.decidePatch(h.threadId!, item.patch.id, [{ path: 'a.js', hunk: 0, decision: 'accepted' }]);
    assert.equal(first.patch.status, 'pending', 'one hunk is still to review');
    assert.equal(cloud.requests.length, 1, 'the model is not told anything while the review goes on');
    const second = await h.engine.decidePatch(h.threadId!, item.patch.id, [{ path: 'a.js', hunk: 1, decision: 'rejected' }]);
    assert.equal(second.patch.status, 'partiallyApplied');

    const turn = await done;
    assert.equal(turn.status, 'completed');
    assert.match(lastToolResult(cloud.requests[1]).output, /applied hunks 1; the user rejected hunks 2/);
    assert.equal(h.read('a.js'), FILE.replace('const a = 1;', 'const a = 2;'));
    // The front end saw a patch to review, not a request to answer: the patch/* requests were the only channel.
    assert.deepEqual(asked, ['patch']);
  });
});
