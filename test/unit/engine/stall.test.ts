// A stream that stays open but sends nothing has stalled: it is dropped after the idle timeout and the
// request made again, so a silent connection never holds a turn forever.
import assert from 'node:assert/strict';
import { EngineHarness, startCloud, type Cloud, type CloudKind } from '../../support/engine-harness';

for (const kind of ['bedrock', 'azure'] as CloudKind[]) {
  describe(`a stalled stream on ${kind}`, function () {
    this.timeout(20_000);
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

    it('is dropped after the idle timeout and retried, and the answer is the retry’s, once', async () => {
      h = await EngineHarness.create({ clouds: [cloud], settings: { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50, idleTimeoutMs: 400 } } });
      cloud.script([
        // Each event 2 s apart: the first never comes within 400 ms.
        { steps: [{ type: 'text', text: 'stalled answer' }], delayMs: 2000 },
        { steps: [{ type: 'text', text: 'The real answer.' }] },
      ]);
      const t0 = Date.now();
      const turn = await h.run('hello');
      assert.equal(turn.status, 'completed', turn.error?.message);
      assert.ok(Date.now() - t0 < 1800, `took ${Date.now() - t0} ms: the stall was not cut short`);
      const answers = h.completed('agentMessage');
      assert.equal(answers.length, 1);
      assert.equal(answers[0]!.type === 'agentMessage' && answers[0]!.text, 'The real answer.');
      const retry = h.completed('notice').find((n) => n.type === 'notice' && n.kind === 'retry');
      assert.match(retry?.type === 'notice' ? retry.message : '', /stalled/);
      assert.equal(cloud.requests.length, 2);
    });
  });
}
