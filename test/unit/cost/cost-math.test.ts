import assert from 'node:assert/strict';
import type { Cost } from '../../../src/protocol';
import { addCosts, addUsage, formatCost, formatUsd, sumCosts, usdDecimal, ZERO_USAGE } from '../../../src/shared';

const known = (usd: number): Cost => ({ usd, partialUsd: usd, unpricedModels: [] });
const unknown = (partialUsd: number, model: string): Cost => ({ usd: null, partialUsd, unpricedModels: [model] });

describe('cost arithmetic', () => {
  it('adds thousands of small amounts without losing a cent', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; 10,000 × $0.0001 summed naively drifts too.
    assert.equal(addCosts(known(0.1), known(0.2)).usd, 0.3);
    const many = sumCosts(Array.from({ length: 10_000 }, () => known(0.0001)));
    assert.equal(many.usd, 1);
    assert.equal(usdDecimal(sumCosts(Array.from({ length: 3 }, () => known(0.3333335))).usd!, 7), '1.0000005');
  });

  it('makes a sum unknown when any part is unknown, keeping the known part and every unpriced model', () => {
    const total = sumCosts([known(1.25), unknown(0.5, 'bedrock/x'), unknown(0, 'azure/y'), unknown(0.25, 'bedrock/x')]);
    assert.equal(total.usd, null);
    assert.equal(total.partialUsd, 2);
    assert.deepEqual(total.unpricedModels, ['azure/y', 'bedrock/x']);
    assert.equal(sumCosts([]).usd, 0);
  });

  it('formats money the way the status bar shows it', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.00004), '< $0.0001');
    assert.equal(formatUsd(0.0123), '$0.0123');
    assert.equal(formatUsd(0.01), '$0.01');
    assert.equal(formatUsd(0.42), '$0.42');
    assert.equal(formatUsd(0.4205), '$0.4205');
    assert.equal(formatUsd(0.01234567), '$0.0123');
    assert.equal(formatUsd(0.99995), '$1.00');
    assert.equal(formatUsd(12.345), '$12.35');
    assert.equal(formatUsd(1234.5), '$1,234.50');
    assert.equal(formatCost(unknown(0, 'x')), 'unknown');
    assert.equal(formatCost(unknown(0.01, 'x')), '≥ $0.01 (some prices unknown)');
    assert.equal(formatCost(unknown(3.5, 'x')), '≥ $3.50 (some prices unknown)');
  });

  it('adds usage field by field', () => {
    const u = addUsage(ZERO_USAGE, { inputTokens: 1, outputTokens: 2, cacheReadTokens: 3, cacheWriteTokens: 4, reasoningTokens: 5 });
    assert.deepEqual(addUsage(u, u), { inputTokens: 2, outputTokens: 4, cacheReadTokens: 6, cacheWriteTokens: 8, reasoningTokens: 10 });
  });
});
