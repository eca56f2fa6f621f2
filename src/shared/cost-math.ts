// Money and token arithmetic, shared by the engine, the extension and the webview so every front end adds
// and shows costs the same way. Amounts are added in integer picodollars (1e-12 USD, BigInt), so a sum
// of thousands of requests is exact and nothing drifts by a cent; dollars as floats appear only at the
// edges (Cost.usd) and are rounded only for display.
//
// Unknown is contagious: known + unknown = unknown, and the known part is kept in partialUsd so the
// user still sees "at least $X". A Cost with usd set has partialUsd equal to it.
import type { Cost, Usage } from '../protocol/common';

const PICO_PER_USD = 1_000_000_000_000n;

export const ZERO_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
export const ZERO_COST: Cost = Object.freeze({ usd: 0, partialUsd: 0, unpricedModels: Object.freeze([]) as unknown as string[] });

export function usdToPico(usd: number): bigint {
  if (!Number.isFinite(usd) || usd < 0) throw new RangeError(`not an amount of money: ${usd}`);
  const whole = Math.floor(usd);
  // Split so amounts above ~$9,000 keep their cents: usd * 1e12 alone would exceed 2^53.
  return BigInt(whole) * PICO_PER_USD + BigInt(Math.round((usd - whole) * 1e12));
}

export function picoToUsd(pico: bigint): number {
  return Number(pico / PICO_PER_USD) + Number(pico % PICO_PER_USD) / 1e12;
}

/** A price in USD per million tokens as picodollars per token (exact for prices with up to 6 decimals). */
export function picoPerToken(usdPerMillion: number): bigint {
  if (!Number.isFinite(usdPerMillion) || usdPerMillion < 0) throw new RangeError(`not a price: ${usdPerMillion}`);
  return BigInt(Math.round(usdPerMillion * 1e6));
}

export function costFromPico(knownPico: bigint, unpricedModels: readonly string[] = []): Cost {
  const usd = picoToUsd(knownPico);
  const unpriced = [...new Set(unpricedModels)].sort();
  return { usd: unpriced.length ? null : usd, partialUsd: usd, unpricedModels: unpriced };
}

/** What is known to have been spent: the whole cost, or its known part when some price was unknown. */
export function knownUsd(cost: Cost): number {
  return cost.usd ?? cost.partialUsd ?? 0;
}

export function sumCosts(costs: Iterable<Cost>): Cost {
  let pico = 0n;
  const unpriced: string[] = [];
  let unknown = false;
  for (const cost of costs) {
    pico += usdToPico(knownUsd(cost));
    if (cost.usd === null) {
      unknown = true;
      unpriced.push(...(cost.unpricedModels ?? []));
    }
  }
  const result = costFromPico(pico, unpriced);
  // An unknown cost that forgot to name its model still makes the sum unknown.
  return unknown && result.usd !== null ? { ...result, usd: null } : result;
}

export function addCosts(...costs: Cost[]): Cost {
  return sumCosts(costs);
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: (a.cacheReadTokens ?? 0) + (b.cacheReadTokens ?? 0),
    cacheWriteTokens: (a.cacheWriteTokens ?? 0) + (b.cacheWriteTokens ?? 0),
    reasoningTokens: (a.reasoningTokens ?? 0) + (b.reasoningTokens ?? 0),
  };
}

export function sumUsage(usages: Iterable<Usage>): Usage {
  let total = ZERO_USAGE;
  for (const u of usages) total = addUsage(total, u);
  return total;
}

/** Rounds half up to `decimals` places and prints with thousands separators: 1234.5 → "1,234.50". */
function formatPico(pico: bigint, decimals: number): string {
  const unit = 10n ** BigInt(12 - decimals);
  const rounded = (pico + unit / 2n) / unit;
  const scale = 10n ** BigInt(decimals);
  const whole = (rounded / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (rounded % scale).toString().padStart(decimals, '0');
  return decimals > 0 ? `${whole}.${frac}` : whole;
}

/**
 * "$0.00", "< $0.0001", "$0.0123", "$0.01", "$0.42", "$12.35", "$1,234.57": up to four places under a
 * dollar (a turn often costs a fraction of a cent), never fewer than two, no trailing zeros beyond two.
 */
export function formatUsd(usd: number): string {
  const pico = usdToPico(usd);
  if (pico === 0n) return '$0.00';
  if (pico < 100_000_000n) return '< $0.0001';
  // Four places under a dollar, unless rounding to four places already makes it a dollar.
  const text = formatPico(pico, pico < PICO_PER_USD - 50_000_000n ? 4 : 2);
  return `$${text.replace(/(\.\d\d)0{1,2}$/, '$1')}`;
}

/** A limit the user typed: "$0.50", "$5.00"; more places only when it has them ("$0.125" → "$0.1250"). */
export function formatLimit(usd: number): string {
  const pico = usdToPico(usd);
  return pico % 10_000_000_000n === 0n ? `$${formatPico(pico, 2)}` : formatUsd(usd);
}

/** "$0.0123"; "unknown" when nothing is priced; "≥ $0.01 (some prices unknown)" when part is. */
export function formatCost(cost: Cost): string {
  if (cost.usd !== null) return formatUsd(cost.usd);
  const partial = cost.partialUsd ?? 0;
  return partial > 0 ? `≥ ${formatUsd(partial)} (some prices unknown)` : 'unknown';
}

/** A fixed-point decimal string for exports (CSV/JSON consumers): 6 places, rounded half up. */
export function usdDecimal(usd: number, decimals = 6): string {
  return formatPico(usdToPico(usd), decimals).replace(/,/g, '');
}
