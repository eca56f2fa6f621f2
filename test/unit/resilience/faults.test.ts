// Fault injection on the loopback clouds, through the whole engine, on Amazon Bedrock (event-stream over
// HTTP/2, SigV4) and Azure OpenAI (Responses SSE): throttling with and without retry-after, 5xx, a model
// error mid-stream, a connection dropped before any byte or after some of the answer, a stream cut short,
// a slow stream, expired credentials. Each fault ends retried, failed over, or reported as a typed error —
// and afterwards the thread a fresh engine reads from disk is the thread the engine had in memory, every
// turn is closed, and every tool call the model made has its result.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { EngineSettingsInput, Thread } from '../../../src/protocol';
import { EngineHarness, startCloud, type Cloud, type CloudKind } from '../../support/engine-harness';
import { readThreadRecords, threadProblems } from '../../support/fault-checks';
import type { ScriptEntry } from '../../support/scripted-model';
import { call } from './helpers';

const ANSWER = 'The build is green: 14 suites, 212 tests, no warnings.';
const answer = (extra: Partial<Extract<ScriptEntry, { steps: unknown }>> = {}): ScriptEntry => ({ steps: [{ type: 'text', text: ANSWER, chunks: 6 }], ...extra });

/** The thread as a fresh engine reads it from disk equals the live one; it is complete. */
async function assertDurable(h: EngineHarness, clouds: Cloud[]): Promise<Thread> {
  const live = await h.engine.resumeThread(h.threadId!);
  const fresh = await EngineHarness.create({ clouds, reuse: { workspace: h.workspace, state: h.state } });
  try {
    const disk = await fresh.engine.resumeThread(h.threadId!);
    // updatedAt is the time of the last change: live, when it was applied; read back, the time the last
    // timed record carries — the same moment, give or take the milliseconds between the two.
    assert.ok(Math.abs(disk.updatedAt - live.updatedAt) < 1000, `updatedAt ${disk.updatedAt} vs ${live.updatedAt}`);
    assert.deepEqual({ ...disk, updatedAt: 0 }, { ...live, updatedAt: 0 }, 'the thread on disk differs from the one in memory');
    for (const t of disk.turns) assert.notEqual(t.status, 'inProgress');
    assert.deepEqual(threadProblems(await readThreadRecords(h.state, h.threadId!)), []);
    return disk;
  } finally {
    await fresh.close();
  }
}

function finalText(h: EngineHarness): string | undefined {
  const m = h.completed('agentMessage').at(-1);
  return m?.type === 'agentMessage' ? m.text : undefined;
}

function notices(h: EngineHarness, kind: string): string[] {
  return h.completed('notice').flatMap((n) => (n.type === 'notice' && n.kind === kind ? [n.message] : []));
}

for (const kind of ['bedrock', 'azure'] as CloudKind[]) {
  const other: CloudKind = kind === 'bedrock' ? 'azure' : 'bedrock';

  describe(`resilience: faults on ${kind}`, function () {
    this.timeout(30_000);
    let cloud: Cloud;
    let h: EngineHarness | undefined;

    beforeEach(async () => {
      cloud = await startCloud(kind);
    });
    afterEach(async () => {
      await h?.close();
      h = undefined;
      await cloud.close();
    });

    async function run(script: ScriptEntry[], settings: EngineSettingsInput = {}, clouds: Cloud[] = [cloud]) {
      h = await EngineHarness.create({ clouds, files: { 'a.txt': 'a\n' }, settings: { approvalPolicy: 'full-auto', ...settings } });
      cloud.script(script);
      const t0 = Date.now();
      const turn = await h.run('How is the build?');
      return { turn, ms: Date.now() - t0 };
    }

    const retried: [string, ScriptEntry[]][] = [
      ['throttling without retry-after', [{ fault: 'throttle' }, answer()]],
      ['a 500', [{ fault: 'serverError' }, answer()]],
      ['a 503, twice', [{ fault: 'serverError', status: 503 }, { fault: 'serverError', status: 503 }, answer()]],
      ['a model error mid-stream', [{ fault: 'midStreamError', afterEvents: 2 }, answer()]],
      ['a connection dropped before any byte', [{ fault: 'drop', afterEvents: 0 }, answer()]],
      ['a connection dropped after part of the answer', [{ fault: 'drop', afterEvents: 4 }, answer()]],
      ['a stream that ends without its terminal event', [{ fault: 'truncate', afterEvents: 3 }, answer()]],
    ];
    for (const [name, script] of retried) {
      it(`retries ${name}; the answer is exactly the model's, once`, async () => {
        const { turn } = await run(script);
        assert.equal(turn.status, 'completed', JSON.stringify(turn.error));
        assert.equal(cloud.requests.length, script.length);
        assert.equal(finalText(h!), ANSWER, 'partial text of a failed attempt must not stay in the answer');
        assert.equal(h!.completed('agentMessage').length, 1);
        assert.equal(notices(h!, 'retry').length, script.length - 1);
        const disk = await assertDurable(h!, [cloud]);
        const texts = disk.items.filter((i) => i.type === 'agentMessage');
        assert.deepEqual(texts.map((i) => i.type === 'agentMessage' && i.text), [ANSWER]);
      });
    }

    it('honours retry-after: waits what the service asked', async () => {
      const { turn, ms } = await run([{ fault: 'throttle', retryAfterSeconds: 0.4 }, answer()], { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 5000 } });
      assert.equal(turn.status, 'completed');
      assert.match(notices(h!, 'retry')[0] ?? '', /Retrying in 0\.4 s/);
      assert.ok(ms >= 400, `retried after ${ms} ms`);
      await assertDurable(h!, [cloud]);
    });

    it('honours retry-after only up to the configured maximum delay', async () => {
      const { turn, ms } = await run([{ fault: 'throttle', retryAfterSeconds: 30 }, answer()], { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 150 } });
      assert.equal(turn.status, 'completed');
      assert.match(notices(h!, 'retry')[0] ?? '', /Retrying in 0\.1 s|Retrying in 0\.2 s/);
      assert.ok(ms < 5000, `took ${ms} ms`);
      await assertDurable(h!, [cloud]);
    });

    it('completes a slow stream', async () => {
      const { turn, ms } = await run([answer({ delayMs: 40 })]);
      assert.equal(turn.status, 'completed');
      assert.equal(finalText(h!), ANSWER);
      assert.ok(ms >= 150, `${ms} ms`);
      await assertDurable(h!, [cloud]);
    });

    it('does not run a tool again when the request after it fails: the command ran once', async () => {
      const script = 'require("fs").appendFileSync("ran.log", "ran\\n")';
      const { turn } = await run([
        { steps: [{ type: 'text', text: 'Running it.' }, call('sh1', 'shell', { command: [process.execPath, '-e', script] })] },
        { fault: 'drop', afterEvents: 0 },
        { fault: 'drop', afterEvents: 3 },
        answer(),
      ]);
      assert.equal(turn.status, 'completed');
      assert.equal(fs.readFileSync(path.join(h!.workspace, 'ran.log'), 'utf8'), 'ran\n');
      assert.equal(h!.completed('commandExecution').length, 1);
      // Each retry sent the model the same call and the same result, once.
      for (const req of cloud.requests.slice(1)) assert.equal(req.messages.filter((m) => m.role === 'tool').length, 1);
      await assertDurable(h!, [cloud]);
    });

    it('reports expired credentials as authExpired at once: no retry, no failover', async () => {
      const fallback = await startCloud(other, 'fallback');
      try {
        const clouds = [{ ...cloud, profile: { ...cloud.profile, fallbacks: ['fallback'] } }, fallback];
        const { turn } = await run([{ fault: 'authExpired' }], {}, clouds);
        assert.equal(turn.status, 'failed');
        assert.equal(turn.error?.kind, 'authExpired');
        assert.ok(turn.error?.fix, 'tells the user how to sign in again');
        assert.equal(cloud.requests.length, 1);
        assert.equal(fallback.requests.length, 0);
        const errors = h!.completed('error');
        assert.equal(errors.length, 1);
        await assertDurable(h!, clouds);
      } finally {
        await fallback.close();
      }
    });

    it(`fails over to ${other} when retries are spent, and the conversation continues there`, async () => {
      const fallback = await startCloud(other, 'fallback');
      try {
        const clouds = [{ ...cloud, profile: { ...cloud.profile, fallbacks: ['fallback'] } }, fallback];
        fallback.script([answer()]);
        const { turn } = await run([{ fault: 'serverError' }, { fault: 'throttle' }, { fault: 'drop', afterEvents: 2 }], {}, clouds);
        assert.equal(turn.status, 'completed');
        assert.equal(cloud.requests.length, 3);
        assert.equal(fallback.requests.length, 1);
        assert.deepEqual(turn.servedBy.map((s) => s.profile), ['fallback']);
        assert.equal(notices(h!, 'failover').length, 1);
        assert.equal(finalText(h!), ANSWER);
        await assertDurable(h!, clouds);
      } finally {
        await fallback.close();
      }
    });

    it('reports a typed error when retries are spent and there is no fallback, and the thread still goes on', async () => {
      const { turn } = await run([{ fault: 'throttle' }, { fault: 'throttle' }, { fault: 'throttle' }]);
      assert.equal(turn.status, 'failed');
      assert.equal(turn.error?.kind, 'throttled');
      await assertDurable(h!, [cloud]);
      cloud.script([answer()]);
      assert.equal((await h!.run('Try again')).status, 'completed');
    });

    it('tells the model when a tool fails unexpectedly, and the conversation goes on', async () => {
      const { turn } = await run([
        { steps: [call('g1', 'grep_files', { pattern: 'x', path: 'no/such/dir' }), call('r1', 'read_file', { file_path: `${'n'.repeat(300)}.txt` })] },
        answer(),
      ]);
      assert.equal(turn.status, 'completed', JSON.stringify(turn.error));
      const sent = cloud.requests[1]!.messages.filter((m) => m.role === 'tool');
      assert.equal(sent.length, 2);
      for (const m of sent) assert.match(m.role === 'tool' ? m.toolResult.output : '', /failed: E[A-Z]+/);
      await assertDurable(h!, [cloud]);
      cloud.script([answer()]);
      assert.equal((await h!.run('And now?')).status, 'completed');
    });
  });
}
