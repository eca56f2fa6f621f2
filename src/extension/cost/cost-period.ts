// The cost report's "since" choice. Days are UTC, like the ledger's and the report's rows, so "today"
// matches the day column and the budget's day. Pure: no vscode import.

export const COST_PERIODS = ['today', '7d', '30d', 'all'] as const;
export type CostPeriod = (typeof COST_PERIODS)[number];

export const COST_PERIOD_LABELS: Record<CostPeriod, string> = { today: 'Today', '7d': 'Last 7 days', '30d': 'Last 30 days', all: 'All time' };

export function isCostPeriod(value: unknown): value is CostPeriod {
  return typeof value === 'string' && (COST_PERIODS as readonly string[]).includes(value);
}

/** Epoch ms the period starts at (UTC midnight), or undefined for all time. "7 days" is today and the 6 days before. */
export function periodStart(period: CostPeriod, now: number): number | undefined {
  if (period === 'all') return undefined;
  const midnight = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const days = period === 'today' ? 0 : period === '7d' ? 6 : 29;
  return midnight - days * 86_400_000;
}
