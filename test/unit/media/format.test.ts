import assert from 'node:assert/strict';
import { describeCost, formatCommand, formatCost, formatDuration, formatTokens, formatUsage, relativeTime } from '../../../media/state/format';
import { cost, usage } from './fixtures';

describe('sidebar formatting', () => {
  it('shows an unknown cost as unknown, never as $0.00, and a partly known one as a lower bound', () => {
    assert.equal(formatCost(cost(0)), '$0.00');
    assert.equal(formatCost(cost(null)), 'unknown');
    assert.equal(formatCost(cost(null, 0.42, ['azure/my-deployment'])), '≥ $0.42');
    assert.match(describeCost(cost(null, 0.42, ['azure/my-deployment'])), /at least \$0\.42.*azure\/my-deployment/);
    assert.match(describeCost(cost(null)), /^unknown/);
  });

  it('formats small, ordinary and large amounts of money', () => {
    assert.equal(formatCost(cost(0.0042)), '$0.0042');
    assert.equal(formatCost(cost(1.234)), '$1.23');
    assert.equal(formatCost(cost(1234.5)), '$1,234.50');
  });

  it('formats token counts compactly', () => {
    assert.deepEqual([0, 999, 1000, 1234, 12_345, 1_250_000].map(formatTokens), ['0', '999', '1k', '1.2k', '12k', '1.3M']);
    assert.equal(formatUsage(usage(12_345, 800)), '12k in · 800 out');
  });

  it('shows a command as typed, unwrapping bash -lc', () => {
    assert.equal(formatCommand(['npm', 'test', '--', '--grep', 'a b']), "npm test -- --grep 'a b'");
    assert.equal(formatCommand(['bash', '-lc', 'npm test && echo ok']), 'npm test && echo ok');
    assert.equal(formatCommand(['echo', "it's"]), `echo 'it'\\''s'`);
  });

  it('formats durations and relative times', () => {
    assert.equal(formatDuration(250), '250 ms');
    assert.equal(formatDuration(1500), '1.5 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
    const now = Date.UTC(2025, 0, 10, 12);
    assert.equal(relativeTime(now - 10_000, now), 'just now');
    assert.equal(relativeTime(now - 5 * 60_000, now), '5 min ago');
    assert.equal(relativeTime(now - 3 * 3600_000, now), '3 h ago');
    assert.equal(relativeTime(now - 30 * 3600_000, now), 'yesterday');
    assert.equal(relativeTime(Date.UTC(2024, 11, 1), now), '2024-12-01');
  });
});
