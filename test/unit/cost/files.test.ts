import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lookupPrice, mergePrices, shippedLayer, SHIPPED_PRICES, type LedgerEntry } from '../../../src/core/cost';
import { FileLedgerStore } from '../../../src/host/ledger-file';
import { loadPricingFile, parsePriceTable } from '../../../src/host/pricing-file';

function entry(at: number, turnId: string): LedgerEntry {
  return {
    at,
    threadId: 'thr_1',
    turnId,
    servedBy: { profile: 'openai', provider: 'openai', model: 'gpt-5.5' },
    usage: { inputTokens: 10, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    cost: { usd: 0.00008, partialUsd: 0.00008, unpricedModels: [] },
  };
}

describe('ledger and price files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-cost-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps ledger entries across instances, reads them since a time, and skips a torn line', async () => {
    const file = path.join(dir, 'deep', 'ledger.jsonl');
    const store = new FileLedgerStore(file);
    await Promise.all([store.append(entry(1_000, 'a')), store.append(entry(2_000, 'b'))]);
    fs.appendFileSync(file, '{"at": 3000, "threadId": "thr_1", "tur'); // a crash mid-line
    const reopened = new FileLedgerStore(file);
    await reopened.append(entry(4_000, 'c'));
    const { entries, skippedLines } = await reopened.readAll();
    assert.deepEqual(entries.map((e) => e.turnId), ['a', 'b', 'c']);
    assert.deepEqual(skippedLines, [3]);
    assert.deepEqual((await reopened.read(2_000)).map((e) => e.turnId), ['b', 'c']);
    assert.deepEqual(await new FileLedgerStore(path.join(dir, 'none.jsonl')).read(), []);
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('loads a --pricing file over the shipped table', async () => {
    const file = path.join(dir, 'rates.json');
    fs.writeFileSync(file, JSON.stringify({ 'bedrock/anthropic.claude-sonnet-4-5': { input: 2.1, output: 10.5, cacheRead: 0.21, cacheWrite: 2.625 }, 'azure/prod-chat': { input: 4, output: 24 } }));
    const layer = await loadPricingFile(file);
    const book = mergePrices(shippedLayer(SHIPPED_PRICES), layer);
    assert.equal(lookupPrice(book, 'bedrock', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0')!.price.input, 2.1);
    assert.equal(lookupPrice(book, 'azure', 'prod-chat')!.layer, `--pricing ${file}`);
  });

  it('names the bad key and field of a broken price table', async () => {
    const bad = (table: unknown) => () => parsePriceTable(JSON.stringify(table), 'rates.json');
    assert.throws(bad({ 'gcp/gemini': { input: 1, output: 2 } }), /rates\.json: key "gcp\/gemini" must start with bedrock\/, azure\/ or openai\//);
    assert.throws(bad({ 'openai/gpt-5.5': { input: 5 } }), /rates\.json: "openai\/gpt-5\.5"\.output: .*expected number/);
    assert.throws(bad({ 'openai/gpt-5.5': { input: -1, output: 2 } }), /"openai\/gpt-5\.5"\.input: Too small/);
    assert.throws(bad({ 'openai/gpt-5.5': { input: 5, output: 30, cachedRead: 0.5 } }), /"openai\/gpt-5\.5" has an unknown field "cachedRead"/);
    assert.throws(bad([1, 2]), /must be a JSON object/);
    assert.throws(() => parsePriceTable('{"openai/x": ', 'rates.json'), /rates\.json is not valid JSON/);
    await assert.rejects(loadPricingFile(path.join(dir, 'missing.json')), /cannot read the price table .*missing\.json: no such file/);
  });
});
