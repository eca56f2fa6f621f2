import assert from 'node:assert/strict';
import { renderAuditLog } from '../../../src/extension/audit/audit-log-text';
import { periodStart } from '../../../src/extension/cost/cost-period';
import { costCell, renderCostReportHtml } from '../../../src/extension/cost/cost-report-html';
import { shortModel, statusCost } from '../../../src/extension/status-text';
import type { CostReport } from '../../../src/protocol';

const usage = { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const known = (usd: number) => ({ usd, partialUsd: usd, unpricedModels: [] });
const unknown = { usd: null, partialUsd: 0.5, unpricedModels: ['bedrock/acme.mystery-1'] };

const REPORT: CostReport = {
  since: Date.UTC(2026, 10, 17),
  until: Date.UTC(2026, 10, 23, 12),
  rows: [
    { day: '2026-11-23', provider: 'bedrock', profile: 'bedrock-us', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', requests: 3, usage, cost: known(0.0081) },
    { day: '2026-11-23', provider: 'bedrock', profile: 'bedrock-us', model: 'acme.mystery-1', requests: 1, usage, cost: unknown },
    { day: '2026-11-20', provider: 'azure', profile: 'azure<prod>', model: 'gpt5-prod', requests: 2, usage, cost: known(0.0042) },
  ],
  total: { usd: null, partialUsd: 0.5123, unpricedModels: ['bedrock/acme.mystery-1'] },
  usage: { ...usage, inputTokens: 3600, outputTokens: 900 },
  alternatives: [
    { family: 'claude-sonnet-4.5', provider: 'bedrock', profile: 'bedrock-global', model: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', cost: known(0.0074), actual: known(0.0081) },
    { family: 'gpt-5', provider: 'openai', profile: 'openai', model: 'gpt-5', cost: known(0.0063), actual: known(0.0042) },
  ],
  priceSources: ['built-in table of 2026-11-01', 'crosswind.pricing'],
};

describe('cost report page', () => {
  const html = renderCostReportHtml({ report: REPORT, period: '7d', nonce: 'n0nce' });

  it('runs no script: a strict policy, links only as command URIs, styles by nonce', () => {
    assert.match(html, /script-src 'none'/);
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /<style nonce="n0nce">/);
    assert.match(html, /href="command:crosswind\.exportCostReport\?%5B%22csv%22%5D"/);
    assert.match(html, /aria-current="true" class="current">Last 7 days</);
  });

  it('shows unknown as unknown, never as $0, and sums a day only when it has several rows', () => {
    assert.match(html, /≥ \$0\.50\*/);
    assert.match(html, /No price for bedrock\/acme\.mystery-1/);
    assert.equal(costCell(unknown).includes('$0.00<'), false);
    assert.equal(costCell({ usd: null, partialUsd: 0, unpricedModels: [] }).includes('unknown*'), true);
    assert.equal((html.match(/Day total/g) ?? []).length, 1, 'only 2026-11-23 has two rows');
    assert.match(html, /crosswind\.pricing/);
  });

  it('escapes what came from settings and the ledger', () => {
    assert.ok(html.includes('azure&lt;prod&gt;'));
    assert.ok(!html.includes('azure<prod>'));
  });

  it('compares "on the other clouds": cheaper and dearer, with the percentage', () => {
    assert.match(html, /class="num cheaper">−\$0\.0007 \(−9%\)/);
    assert.match(html, /class="num dearer">\+\$0\.0021 \(\+50%\)/);
  });

  it('says so when nothing was spent, and when no other profile runs the same family', () => {
    const empty = renderCostReportHtml({ report: { ...REPORT, rows: [], alternatives: [], total: known(0) }, period: 'today', nonce: 'n' });
    assert.match(empty, /No model requests were recorded in this period/);
    assert.match(empty, /No other configured profile runs a model of the same family/);
  });

  it('starts periods at UTC midnight: today, 7 and 30 calendar days including today', () => {
    const now = Date.UTC(2026, 10, 23, 15, 30);
    assert.equal(periodStart('today', now), Date.UTC(2026, 10, 23));
    assert.equal(periodStart('7d', now), Date.UTC(2026, 10, 17));
    assert.equal(periodStart('30d', now), Date.UTC(2026, 9, 25));
    assert.equal(periodStart('all', now), undefined);
  });
});

describe('status bar words', () => {
  it('shortens model ids to what tells them apart', () => {
    assert.equal(shortModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'claude-sonnet-4-5');
    assert.equal(shortModel('anthropic.claude-sonnet-4-5-20250929-v1:0'), 'claude-sonnet-4-5', 'the profile’s id and the inference profile it runs read the same');
    assert.equal(shortModel('amazon.nova-pro-v1:0'), 'nova-pro');
    assert.equal(shortModel('arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/team-claude'), 'team-claude');
    assert.equal(shortModel('gpt-5'), 'gpt-5');
    assert.ok(shortModel('x'.repeat(80)).endsWith('…'));
  });

  it('says "cost unknown" rather than $0 when a price is missing', () => {
    assert.equal(statusCost(unknown), 'cost unknown');
    assert.equal(statusCost(known(0.0123)), '$0.0123');
    assert.equal(statusCost(known(0)), '$0.00');
  });
});

describe('audit log view text', () => {
  it('puts the verdict on top, and a broken chain in capitals with what it means', () => {
    const ok = renderAuditLog({ path: '/s/audit.jsonl', exists: true, intact: true, verdict: 'OK: 2 records, chain intact', lines: ['a', 'b'] });
    assert.match(ok, /^Crosswind audit log\nFile: {4}\/s\/audit\.jsonl\nVerdict: OK: 2 records, chain intact\n─+\na\nb\n$/);
    const broken = renderAuditLog({ path: '/s/audit.jsonl', exists: true, intact: false, verdict: 'FAILED at line 2 (record 2): hash mismatch — edited', lines: ['a', 'b'] });
    assert.match(broken, /!!! WARNING: THIS AUDIT LOG FAILED VERIFICATION !!!\nVerdict: FAILED at line 2/);
    const none = renderAuditLog({ path: '/s/audit.jsonl', exists: false, intact: true, verdict: 'No audit log yet.', lines: [] });
    assert.match(none, /No audit log yet\./);
  });
});
