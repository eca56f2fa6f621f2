// Cost to the cent, one conversation across clouds, and budgets — through the whole engine against
// loopback Bedrock and Azure.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { ItemOf, ProviderProfile } from '../../../src/protocol';
import { EngineHarness, startCloud, type Cloud } from '../../support/engine-harness';

const FILE = 'const greeting = "hello";\nexport default greeting;\n';
const PATCH = ['*** Begin Patch', '*** Update File: greet.ts', '@@', '-const greeting = "hello";', '+const greeting = "hello, world";', '*** End Patch'].join('\n');

function ledger(h: EngineHarness): { servedBy: { profile: string; provider: string }; cost: { usd: number | null } }[] {
  return fs
    .readFileSync(path.join(h.state, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { servedBy: { profile: string; provider: string }; cost: { usd: number | null } });
}

describe('cost, failover and budgets through the engine', () => {
  let bedrock: Cloud;
  let azure: Cloud;
  let h: EngineHarness | undefined;

  beforeEach(async () => {
    bedrock = await startCloud('bedrock', 'bedrock-us');
    azure = await startCloud('azure', 'azure-eu');
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await bedrock.close();
    await azure.close();
  });

  it('prices a scripted thread to the cent from the provider-reported usage, cache reads and writes included', async () => {
    // A negotiated price table, as a company would enter it in crosswind.pricing.
    const model = (bedrock.profile as { model: string }).model;
    h = await EngineHarness.create({
      clouds: [bedrock],
      files: { 'greet.ts': FILE },
      settings: { pricing: { [`bedrock/${model}`]: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } } },
    });
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'greet.ts' } }], usage: { input: 1200, output: 300, cacheRead: 10_000, cacheWrite: 2000 } },
      { steps: [{ type: 'text', text: 'It greets.' }], usage: { input: 1500, output: 120, cacheRead: 11_000 } },
    ]);
    const turn = await h.run('What does greet.ts do?');
    // Request 1: 1,200 × $3 + 300 × $15 + 10,000 × $0.30 + 2,000 × $3.75 per million = $0.0186
    // Request 2: 1,500 × $3 + 120 × $15 + 11,000 × $0.30 per million                 = $0.0096
    assert.equal(turn.cost.usd, 0.0282);
    assert.deepEqual(turn.usage, { inputTokens: 2700, outputTokens: 420, cacheReadTokens: 21_000, cacheWriteTokens: 2000, reasoningTokens: 0 });
    assert.deepEqual(ledger(h).map((e) => e.cost.usd), [0.0186, 0.0096]);
    const done = h.events.find((e) => e.method === 'turn/completed');
    assert.equal(done?.method === 'turn/completed' && done.params.threadCost.usd, 0.0282);
    assert.equal(done?.method === 'turn/completed' && done.params.dayCost.usd, 0.0282);
  });

  it('reports the turn’s cost as each model request finishes, while a patch still waits for review', async () => {
    const model = (bedrock.profile as { model: string }).model;
    let seenWhileWaiting: Extract<EngineHarness['events'][number], { method: 'turn/updated' }>[] = [];
    h = await EngineHarness.create({
      clouds: [bedrock],
      files: { 'greet.ts': FILE },
      settings: { pricing: { [`bedrock/${model}`]: { input: 3, output: 15 } } },
      // The user is looking at the patch: what has the engine said about the spend so far?
      approve: () => {
        seenWhileWaiting = h!.events.filter((e): e is (typeof seenWhileWaiting)[number] => e.method === 'turn/updated');
        return 'accept';
      },
    });
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1000, output: 200 } },
      { steps: [{ type: 'text', text: 'Done.' }], usage: { input: 1200, output: 10 } },
    ]);
    await h.run('Greet the world');
    // Request 1: 1,000 × $3 + 200 × $15 per million = $0.006, known before the review ends.
    assert.equal(seenWhileWaiting.length, 1, 'one update per finished request before the approval');
    const first = seenWhileWaiting[0]!.params;
    assert.equal(first.turn.cost.usd, 0.006);
    assert.equal(first.turn.usage.inputTokens, 1000);
    assert.equal(first.threadCost.usd, 0.006);
    assert.equal(first.dayCost.usd, 0.006);
    const updates = h.events.filter((e) => e.method === 'turn/updated');
    assert.equal(updates.length, 2);
    const last = updates[1]!;
    assert.equal(last.method === 'turn/updated' && last.params.turn.cost.usd, 0.00975);
  });

  it('continues the same conversation on the fallback when the first cloud is throttled, with a history the second cloud accepts', async () => {
    const primary: ProviderProfile = { ...bedrock.profile, fallbacks: ['azure-eu'] };
    h = await EngineHarness.create({ clouds: [{ ...bedrock, profile: primary }, azure], files: { 'greet.ts': FILE }, settings: { approvalPolicy: 'auto-edit' } });
    bedrock.script([
      { steps: [{ type: 'reasoning', text: 'Read it first.' }, { type: 'toolCall', name: 'read_file', input: { file_path: 'greet.ts' } }], usage: { input: 800, output: 40 } },
      { fault: 'throttle', retryAfterSeconds: 0 },
      { fault: 'throttle' },
      { fault: 'serverError', status: 503 },
    ]);
    azure.script([
      {
        steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }],
        usage: { input: 900, output: 60 },
        // The Azure side sees the Bedrock turn's tool call and its result, translated to its own format.
        expect: (req) => {
          const call = req.messages.find((m) => 'toolCall' in m);
          const result = req.messages.find((m) => 'toolResult' in m);
          assert.ok(call && 'toolCall' in call && call.toolCall.name === 'read_file');
          assert.ok(result && 'toolResult' in result && result.toolResult.output.includes('L1: const greeting = "hello";'));
        },
      },
      { steps: [{ type: 'text', text: 'Changed the greeting.' }], usage: { input: 1000, output: 20 } },
    ]);
    const turn = await h.run('Greet the world');
    assert.equal(turn.status, 'completed', turn.error?.message);
    assert.equal(h.read('greet.ts'), FILE.replace('"hello"', '"hello, world"'));
    const notice = h.completed('notice').find((n): n is ItemOf<'notice'> => n.type === 'notice' && n.kind === 'failover');
    assert.ok(notice, 'the user is told about the switch');
    assert.equal(notice.from?.profile, 'bedrock-us');
    assert.equal(notice.to?.profile, 'azure-eu');
    // Cost is attributed to the provider that served each request.
    assert.deepEqual(ledger(h).map((e) => e.servedBy.profile), ['bedrock-us', 'azure-eu', 'azure-eu']);
    assert.deepEqual(turn.servedBy.map((s) => s.provider), ['bedrock', 'azure']);
    assert.equal(turn.usage.inputTokens, 2700);
    // The audit log records the failover.
    assert.match(fs.readFileSync(h.auditLogPath, 'utf8'), /"toProfile":"azure-eu","turnId":"[^"]+","type":"failover"/);
  });

  it('never fails over on an authentication error: the turn fails with the typed error and its fix', async () => {
    const primary: ProviderProfile = { ...bedrock.profile, fallbacks: ['azure-eu'] };
    h = await EngineHarness.create({ clouds: [{ ...bedrock, profile: primary }, azure], files: {} });
    bedrock.script([{ fault: 'authInvalid' }]);
    const turn = await h.run('hello');
    assert.equal(turn.status, 'failed');
    assert.equal(turn.error?.kind, 'authInvalid');
    assert.equal(azure.requests.length, 0, 'the fallback was not used');
    assert.equal(h.completed('notice').filter((n) => n.type === 'notice' && n.kind === 'failover').length, 0);
  });

  it('stops a looping model cleanly at the per-turn budget, with a message that says so', async () => {
    const model = (bedrock.profile as { model: string }).model;
    h = await EngineHarness.create({
      clouds: [bedrock],
      files: { 'greet.ts': FILE },
      settings: { budgets: { perTurnUsd: 0.01 }, pricing: { [`bedrock/${model}`]: { input: 3, output: 15 } } },
    });
    // Each request costs 1,000 × $3 + 100 × $15 per million = $0.0045; the model would loop forever.
    bedrock.script(Array.from({ length: 10 }, () => ({ steps: [{ type: 'toolCall' as const, name: 'read_file', input: { file_path: 'greet.ts' } }], usage: { input: 1000, output: 100 } })));
    const turn = await h.run('Loop');
    assert.equal(turn.status, 'failed');
    assert.equal(turn.error?.kind, 'budgetExceeded');
    assert.equal(bedrock.requests.length, 3, 'stopped before the 4th request: $0.0135 spent ≥ $0.01');
    assert.equal(turn.cost.usd, 0.0135);
    const notice = h.completed('notice').find((n) => n.type === 'notice' && n.kind === 'budget');
    assert.match(notice?.type === 'notice' ? notice.message : '', /\$0\.01/);
    assert.equal(h.read('greet.ts'), FILE);
  });
});
