// The cost report as files people open elsewhere: CSV (RFC 4180, one table per file) and JSON. Shared
// so "Crosswind: Show Cost Report" (extension, webview) and `crosswind cost` export alike.
// Amounts are fixed-point decimals with 6 places; an unknown cost leaves cost_usd empty and puts what is
// known in known_cost_usd, so a spreadsheet never sums an unknown as zero without saying so.
import type { Cost } from '../protocol/common';
import type { CostReport } from '../protocol/cost';
import { picoToUsd, usdDecimal, usdToPico } from './cost-math';

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' (OWASP CSV injection). */
function text(value: string | undefined): string {
  const v = value ?? '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function line(values: string[]): string {
  return values.map(field).join(',');
}

function amounts(cost: Cost): [string, string] {
  return [cost.usd === null ? '' : usdDecimal(cost.usd), usdDecimal(cost.usd ?? cost.partialUsd ?? 0)];
}

/** cost − actual, signed; empty when either is unknown. */
function difference(cost: Cost, actual: Cost): string {
  if (cost.usd === null || actual.usd === null) return '';
  const diff = usdToPico(cost.usd) - usdToPico(actual.usd);
  const magnitude = usdDecimal(picoToUsd(diff < 0n ? -diff : diff));
  return diff < 0n ? `-${magnitude}` : magnitude;
}

export const COST_ROW_COLUMNS = [
  'day',
  'thread_id',
  'provider',
  'profile',
  'model',
  'requests',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost_usd',
  'known_cost_usd',
  'unpriced_models',
] as const;

/** One line per report row (day × provider × profile × model [× thread]). */
export function costReportToCsv(report: CostReport): string {
  const lines = [line([...COST_ROW_COLUMNS])];
  for (const r of report.rows) {
    lines.push(
      line([
        r.day,
        text(r.threadId),
        r.provider,
        text(r.profile),
        text(r.model),
        String(r.requests),
        String(r.usage.inputTokens),
        String(r.usage.outputTokens),
        String(r.usage.cacheReadTokens ?? 0),
        String(r.usage.cacheWriteTokens ?? 0),
        String(r.usage.reasoningTokens ?? 0),
        ...amounts(r.cost),
        text((r.cost.unpricedModels ?? []).join(' ')),
      ]),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export const ALTERNATIVE_COLUMNS = ['family', 'provider', 'profile', 'model', 'cost_usd', 'known_cost_usd', 'actual_usd', 'actual_known_usd', 'difference_usd'] as const;

/** "On the other clouds": one line per alternative; difference_usd = cost − actual (negative: cheaper). */
export function costAlternativesToCsv(report: CostReport): string {
  const lines = [line([...ALTERNATIVE_COLUMNS])];
  for (const a of report.alternatives) {
    lines.push(line([text(a.family), a.provider, text(a.profile), text(a.model), ...amounts(a.cost), ...amounts(a.actual), difference(a.cost, a.actual)]));
  }
  return lines.join('\r\n') + '\r\n';
}

export function costReportToJson(report: CostReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
