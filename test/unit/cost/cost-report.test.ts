import assert from 'node:assert/strict';
import { CostReport, ProviderProfile, type ServedBy, type Usage } from '../../../src/protocol';
import {
  azureDeploymentsOf,
  buildCostReport,
  modelFamily,
  pricerFromSettings,
  targetsFromProfiles,
  type LedgerEntry,
} from '../../../src/core/cost';
import { costAlternativesToCsv, costReportToCsv, usdDecimal } from '../../../src/shared';

const DAY1 = Date.UTC(2026, 10, 20, 9);
const DAY2 = Date.UTC(2026, 10, 21, 23, 59);

const profiles = [
  ProviderProfile.parse({ name: 'openai-direct', provider: 'openai', model: 'gpt-5.5', auth: { type: 'apiKey' } }),
  ProviderProfile.parse({ name: 'bedrock-ohio', provider: 'bedrock', model: 'openai.gpt-5.5', region: 'us-east-2', auth: { type: 'chain' } }),
  ProviderProfile.parse({ name: 'azure-prod', provider: 'azure', model: 'gpt-5.5', endpoint: 'https://contoso.openai.azure.com', deployment: 'prod-chat', auth: { type: 'entra' } }),
  ProviderProfile.parse({ name: 'claude-us', provider: 'bedrock', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1', auth: { type: 'chain' } }),
  ProviderProfile.parse({ name: 'claude-global', provider: 'bedrock', model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1', auth: { type: 'chain' } }),
];
const pricer = pricerFromSettings({ profiles });

function u(p: Partial<Usage>): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...p };
}

function entry(at: number, threadId: string, servedBy: ServedBy, usage: Usage): LedgerEntry {
  return { at, threadId, turnId: 'turn_1', servedBy, usage, cost: pricer.price(servedBy, usage) };
}

const gpt: ServedBy = { profile: 'openai-direct', provider: 'openai', model: 'gpt-5.5' };
const claude: ServedBy = { profile: 'claude-us', provider: 'bedrock', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' };
const entries = [
  // 10,000×5 + 50,000×0.5 + 2,000×30 = 135,000 µ$
  entry(DAY1, 'thr_a', gpt, u({ inputTokens: 10_000, cacheReadTokens: 50_000, outputTokens: 2_000 })),
  // 4,000×5 + 1,000×30 = 50,000 µ$
  entry(DAY1 + 60_000, 'thr_b', gpt, u({ inputTokens: 4_000, outputTokens: 1_000 })),
  // regional: 1,000×3.3 + 10,000×4.125 + 500×16.5 = 3,300 + 41,250 + 8,250 = 52,800 µ$
  entry(DAY2, 'thr_a', claude, u({ inputTokens: 1_000, cacheWriteTokens: 10_000, outputTokens: 500 })),
];

describe('cost report', () => {
  // The pricer built from the profiles knows which model each Azure deployment runs.
  const report = buildCostReport({ entries, pricer, targets: targetsFromProfiles(profiles), until: DAY2 + 1 });

  it('groups requests per UTC day, provider, profile and model, with totals', () => {
    assert.deepEqual(
      report.rows.map((r) => [r.day, r.provider, r.profile, r.model, r.requests, usdDecimal(r.cost.usd!)]),
      [
        ['2026-11-20', 'openai', 'openai-direct', 'gpt-5.5', 2, '0.185000'],
        ['2026-11-21', 'bedrock', 'claude-us', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 1, '0.052800'],
      ],
    );
    assert.equal(usdDecimal(report.total.usd!), '0.237800');
    assert.equal(report.usage.inputTokens, 15_000);
    assert.deepEqual(report.priceSources, ['shipped table 2026-11-23']);
    // What the engine answers to cost/report must pass the protocol's own check.
    assert.equal(CostReport.safeParse(report).success, true);
    const perThread = buildCostReport({ entries, pricer, targets: [], until: DAY2 + 1, byThread: true });
    assert.deepEqual(perThread.rows.map((r) => [r.day, r.threadId, r.requests]), [['2026-11-20', 'thr_a', 1], ['2026-11-20', 'thr_b', 1], ['2026-11-21', 'thr_a', 1]]);
    const sinceDay2 = buildCostReport({ entries, pricer, targets: [], since: Date.UTC(2026, 10, 21), until: DAY2 + 1 });
    assert.deepEqual(sinceDay2.rows.map((r) => r.day), ['2026-11-21']);
  });

  it('says what the same requests would have cost on each other configured profile of the family', () => {
    assert.deepEqual(
      report.alternatives.map((a) => [a.family, a.profile, usdDecimal(a.cost.usd!), usdDecimal(a.actual.usd!)]),
      [
        // global. route: 1,000×3 + 10,000×3.75 + 500×15 = 48,000 µ$
        ['claude-sonnet-4.5', 'claude-global', '0.048000', '0.052800'],
        // Azure Global Standard = OpenAI list.
        ['gpt-5.5', 'azure-prod', '0.185000', '0.185000'],
        // Bedrock: (10,000×5.5 + 50,000×0.55 + 2,000×33) + (4,000×5.5 + 1,000×33) = 148,500 + 55,000 µ$
        ['gpt-5.5', 'bedrock-ohio', '0.203500', '0.185000'],
      ],
    );
  });

  it('recognises one family under every cloud\'s spelling', () => {
    const azure = azureDeploymentsOf(profiles);
    assert.equal(modelFamily('openai', 'gpt-5.5-2026-04-23'), 'gpt-5.5');
    assert.equal(modelFamily('bedrock', 'openai.gpt-5.5'), 'gpt-5.5');
    assert.equal(modelFamily('azure', 'prod-chat', azure), 'gpt-5.5');
    assert.equal(modelFamily('bedrock', 'arn:aws:bedrock:us-east-1:1:inference-profile/eu.anthropic.claude-opus-4-6-v1'), 'claude-opus-4.6');
    assert.equal(modelFamily('azure', 'claude-sonnet-4-5-20250929'), 'claude-sonnet-4.5');
    assert.equal(modelFamily('bedrock', 'anthropic.claude-3-7-sonnet-20250219-v1:0'), 'claude-3.7-sonnet');
    assert.equal(modelFamily('bedrock', 'us.meta.llama3-3-70b-instruct-v1:0'), 'llama-3.3-70b-instruct');
    assert.notEqual(modelFamily('openai', 'gpt-5'), modelFamily('openai', 'gpt-5.5'));
    assert.equal(modelFamily('bedrock', 'arn:aws:bedrock:us-east-1:1:application-inference-profile/x1'), undefined);
  });

  it('exports CSV a spreadsheet reads safely, with unknown costs left empty rather than zero', () => {
    const odd: ServedBy = { profile: '=HYPERLINK("x")', provider: 'openai', model: 'gateway,model' };
    const withUnknown = buildCostReport({ entries: [...entries, entry(DAY2, 'thr_c', odd, u({ inputTokens: 10 }))], pricer, targets: [], until: DAY2 + 1 });
    const lines = costReportToCsv(withUnknown).split('\r\n');
    assert.equal(lines[0], 'day,thread_id,provider,profile,model,requests,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens,cost_usd,known_cost_usd,unpriced_models');
    assert.equal(lines[1], '2026-11-20,,openai,openai-direct,gpt-5.5,2,14000,3000,50000,0,0,0.185000,0.185000,');
    assert.equal(lines[3], '2026-11-21,,openai,"\'=HYPERLINK(""x"")","gateway,model",1,10,0,0,0,0,,0.000000,"openai/gateway,model"');
    assert.equal(lines.at(-1), '');
    const alt = costAlternativesToCsv(report).split('\r\n');
    assert.equal(alt[0], 'family,provider,profile,model,cost_usd,known_cost_usd,actual_usd,actual_known_usd,difference_usd');
    assert.equal(alt[1], 'claude-sonnet-4.5,bedrock,claude-global,global.anthropic.claude-sonnet-4-5-20250929-v1:0,0.048000,0.048000,0.052800,0.052800,-0.004800');
  });
});
