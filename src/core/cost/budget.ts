// Budget caps. The agent loop calls checkBudget before each model request (and before a new turn); at
// the cap it stops cleanly, with this message, before anything else is sent or applied.
//
// An unknown cost counts with what is known of it (partialUsd), and the message says so: spending we
// cannot price must not hide spending we can.
import type { Budgets, Cost } from '../../protocol';
import { formatLimit, formatUsd, knownUsd, usdToPico } from '../../shared/cost-math';

export type BudgetCheck =
  | { ok: true }
  | {
      ok: false;
      exceeded: 'turn' | 'day';
      limitUsd: number;
      /** What is known to have been spent (the known part when some prices are unknown). */
      spentUsd: number;
      /** True when some of the spending could not be priced, so the real figure is higher. */
      partial: boolean;
      message: string;
    };

export interface BudgetInput {
  budgets: Budgets;
  /** Spent so far in this turn. */
  turnCost: Cost;
  /** Spent so far today (UTC), across every thread. */
  dayCost: Cost;
}

function spentText(cost: Cost): string {
  return cost.usd === null ? `at least ${formatUsd(knownUsd(cost))} (some prices are unknown; only the known part is counted)` : formatUsd(knownUsd(cost));
}

function reached(cost: Cost, limitUsd: number | undefined): limitUsd is number {
  return limitUsd !== undefined && usdToPico(knownUsd(cost)) >= usdToPico(limitUsd);
}

/** The day cap first: when both are reached, a new turn would stop at once too, so say the lasting one. */
export function checkBudget({ budgets, turnCost, dayCost }: BudgetInput): BudgetCheck {
  if (reached(dayCost, budgets.perDayUsd)) {
    return {
      ok: false,
      exceeded: 'day',
      limitUsd: budgets.perDayUsd,
      spentUsd: knownUsd(dayCost),
      partial: dayCost.usd === null,
      message:
        `Stopped: today's spending has reached the daily budget of ${formatLimit(budgets.perDayUsd)} — ${spentText(dayCost)} spent since 00:00 UTC. ` +
        'Crosswind stopped before the next model request; nothing was left half-applied. Raise the daily budget or wait until tomorrow (UTC) to continue.',
    };
  }
  if (reached(turnCost, budgets.perTurnUsd)) {
    return {
      ok: false,
      exceeded: 'turn',
      limitUsd: budgets.perTurnUsd,
      spentUsd: knownUsd(turnCost),
      partial: turnCost.usd === null,
      message:
        `Stopped: this turn has reached its budget of ${formatLimit(budgets.perTurnUsd)} — ${spentText(turnCost)} spent. ` +
        'Crosswind stopped before the next model request; nothing was left half-applied. Send another message to continue in a new turn, or raise the per-turn budget.',
    };
  }
  return { ok: true };
}
