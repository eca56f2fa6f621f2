import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CostReport } from '../../../src/protocol';
import { pricerFromSettings, type LedgerEntry } from '../../../src/core/cost';
import { runCli } from './run-cli';

describe('crosswind cost', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-cli-cost-'));
    env = { XDG_STATE_HOME: path.join(dir, 'state') };
    const pricer = pricerFromSettings({});
    const e = (at: number, model: string, provider: 'bedrock' | 'openai', input: number, output: number): LedgerEntry => {
      const servedBy = { profile: `${provider}-profile`, provider, model };
      const usage = { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
      return { at, threadId: 'thr_1', turnId: 'turn_1', servedBy, usage, cost: pricer.price(servedBy, usage) };
    };
    const ledger = [
      e(Date.UTC(2026, 10, 1, 12), 'gpt-5.5', 'openai', 100_000, 10_000), // 0.5 + 0.3 = $0.80
      e(Date.UTC(2026, 10, 2, 12), 'us.anthropic.claude-haiku-4-5-20251001-v1:0', 'bedrock', 100_000, 10_000), // 0.11 + 0.055 = $0.165
      e(Date.UTC(2026, 10, 2, 13), 'us.acme.mystery-v1:0', 'bedrock', 1_000, 10),
    ];
    fs.mkdirSync(path.join(dir, 'state', 'crosswind'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'state', 'crosswind', 'ledger.jsonl'), ledger.map((l) => JSON.stringify(l)).join('\n') + '\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints a readable table from the default ledger, with unknown prices shown as unknown', () => {
    const run = runCli(['cost'], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /2026-11-01 +openai +openai-profile +gpt-5\.5 +1 +100,000 +0 +0 +10,000 +\$0\.80/);
    assert.match(run.stdout, /us\.acme\.mystery-v1:0 .* unknown/);
    assert.match(run.stdout, /Total: ≥ \$0\.9650 \(some prices unknown\) over 3 requests/);
    assert.match(run.stdout, /No price for: bedrock\/us\.acme\.mystery-v1:0/);
    // On the other clouds: GPT-5.5 on Bedrock and Azure, Haiku through the global route.
    assert.match(run.stdout, /gpt-5\.5 +bedrock +openai\.gpt-5\.5 +\$0\.88 +\$0\.80/);
    assert.match(run.stdout, /gpt-5\.5 +azure +gpt-5\.5 +\$0\.80/);
    assert.match(run.stdout, /claude-haiku-4\.5 +bedrock +global\.anthropic\.claude-haiku-4-5 +\$0\.15 +\$0\.1650/);
  });

  it('exports CSV since a date, and JSON', () => {
    const csv = runCli(['cost', '--since', '2026-11-02', '--format', 'csv'], { cwd: dir, env });
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trimEnd().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[1]!, /^2026-11-02,,bedrock,bedrock-profile,us\.acme\.mystery-v1:0,1,1000,10,0,0,0,,0\.000000,bedrock\/us\.acme\.mystery-v1:0$/);
    assert.match(lines[2]!, /^2026-11-02,,bedrock,bedrock-profile,us\.anthropic\.claude-haiku-4-5-20251001-v1:0,1,100000,10000,0,0,0,0\.165000,0\.165000,$/);
    const json = runCli(['cost', '--format', 'json'], { cwd: dir, env });
    const report = JSON.parse(json.stdout) as CostReport;
    assert.equal(report.rows.length, 3);
    assert.equal(report.total.usd, null);
    assert.equal(report.total.partialUsd, 0.965);
  });

  it('re-prices with a --pricing file, and names the bad key of a broken one', () => {
    fs.writeFileSync(path.join(dir, 'rates.json'), JSON.stringify({ 'bedrock/acme.mystery': { input: 1, output: 1 }, 'openai/gpt-5.5': { input: 4, output: 24 } }));
    const run = runCli(['cost', '--pricing', 'rates.json', '--format', 'json'], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    // 100,000×4 + 10,000×24 = $0.64; Haiku unchanged $0.165; mystery 1,000×1 + 10×1 = $0.00101.
    assert.equal((JSON.parse(run.stdout) as CostReport).total.usd, 0.80601);
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ 'gcp/gemini-3': { input: 1, output: 2 } }));
    const bad = runCli(['cost', '--pricing', 'bad.json'], { cwd: dir, env });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /key "gcp\/gemini-3" must start with bedrock\/, azure\/ or openai\//);
  });

  it('refuses bad flags with its usage and exit code 2', () => {
    const run = runCli(['cost', '--format', 'xml'], { cwd: dir, env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--format is table, csv or json/);
    assert.match(run.stderr, /Usage: crosswind cost/);
    assert.equal(runCli(['cost', '--since', 'yesterday'], { cwd: dir, env }).code, 2);
  });
});
