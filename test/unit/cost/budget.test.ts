import assert from 'node:assert/strict';
import type { Cost } from '../../../src/protocol';
import { checkBudget } from '../../../src/core/cost';

const known = (usd: number): Cost => ({ usd, partialUsd: usd, unpricedModels: [] });

describe('budgets', () => {
  it('lets a turn run below its caps and when no cap is set', () => {
    assert.deepEqual(checkBudget({ budgets: { perTurnUsd: 0.5, perDayUsd: 5 }, turnCost: known(0.4999), dayCost: known(4.99) }), { ok: true });
    assert.deepEqual(checkBudget({ budgets: {}, turnCost: known(1_000), dayCost: known(1_000) }), { ok: true });
  });

  it('stops at the per-turn cap with a message that says so', () => {
    const check = checkBudget({ budgets: { perTurnUsd: 0.5 }, turnCost: known(0.5), dayCost: known(0.5) });
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.exceeded, 'turn');
    assert.equal(check.limitUsd, 0.5);
    assert.equal(check.spentUsd, 0.5);
    assert.match(check.message, /this turn has reached its budget of \$0\.50 — \$0\.50 spent/);
    assert.match(check.message, /nothing was left half-applied/);
  });

  it('reports the day cap first when both are reached, since a new turn would stop too', () => {
    const check = checkBudget({ budgets: { perTurnUsd: 0.5, perDayUsd: 5 }, turnCost: known(0.75), dayCost: known(5.25) });
    assert.equal(!check.ok && check.exceeded, 'day');
    assert.match(!check.ok ? check.message : '', /daily budget of \$5\.00 — \$5\.25 spent since 00:00 UTC/);
  });

  it('counts the known part of an unknown cost, and says the real figure is higher', () => {
    const turnCost: Cost = { usd: null, partialUsd: 0.6, unpricedModels: ['bedrock/acme.x'] };
    const check = checkBudget({ budgets: { perTurnUsd: 0.5 }, turnCost, dayCost: turnCost });
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.partial, true);
    assert.match(check.message, /at least \$0\.60 \(some prices are unknown; only the known part is counted\)/);
    // Nothing known yet: an unknown cost alone cannot trip the cap.
    assert.equal(checkBudget({ budgets: { perTurnUsd: 0.5 }, turnCost: { usd: null, partialUsd: 0, unpricedModels: ['x'] }, dayCost: known(0) }).ok, true);
  });
});
