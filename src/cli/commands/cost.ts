// `crosswind cost`: what was spent, from the ledger `crosswind exec` keeps, as a table, CSV or JSON —
// and what the same requests would have cost on the other clouds (every model of the same family the
// price table knows: GPT-5.5 on Bedrock vs Azure vs OpenAI, Claude via global vs regional endpoints).
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CostReport } from '../../protocol';
import { buildCostReport, mergePrices, shippedLayer, SHIPPED_PRICES, TablePricer, targetsFromPriceBook } from '../../core/cost';
import { costAlternativesToCsv, costReportToCsv, costReportToJson, formatCost } from '../../shared';
import { FileLedgerStore } from '../../host/ledger-file';
import { loadPricingFile } from '../../host/pricing-file';
import { UsageError, writeLine, type CliCommand, type CliIO } from '../command';
import { defaultLedgerPath } from '../state-dir';

const USAGE = `Usage: crosswind cost [options]

Shows what model requests cost, per UTC day, provider, profile and model, and what the same requests
would have cost on the other clouds.

Options:
  --since YYYY-MM-DD   Only requests from this UTC day on
  --until YYYY-MM-DD   Only requests up to the end of this UTC day
  --thread ID          Only this thread
  --by-thread          One row per thread as well
  --alternatives       CSV/JSON of the "on the other clouds" table instead of the rows
  --format FORMAT      table (default), csv or json
  --ledger FILE        Ledger to read (default: $XDG_STATE_HOME/crosswind/ledger.jsonl)
  --pricing FILE       JSON price table merged over the shipped one; requests are re-priced with it
                       {"bedrock/<model id>": {"input": 1.25, "output": 10, "cacheRead": 0.125,
                        "cacheWrite": 1.25}, "azure/<deployment>": {…}, "openai/<model>": {…}}
                       (US dollars per million tokens)`;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = DAY.exec(value);
  const at = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value) throw new UsageError(`${flag} takes a date as YYYY-MM-DD, not '${value}'`);
  return at;
}

function table(headers: string[], rows: string[][], rightAligned: Set<number>): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const cell = (value: string, i: number) => (rightAligned.has(i) ? value.padStart(widths[i]!) : value.padEnd(widths[i]!));
  return [headers.map(cell).join('  ').trimEnd(), ...rows.map((r) => r.map(cell).join('  ').trimEnd())];
}

const n = (value: number | undefined) => (value ?? 0).toLocaleString('en-US');

function renderTable(report: CostReport, ledger: string): string[] {
  const out: string[] = [];
  const since = report.since === undefined ? 'all time' : `since ${new Date(report.since).toISOString().slice(0, 10)}`;
  out.push(`Cost ${since} (UTC days) — ${ledger}`, '');
  if (report.rows.length === 0) {
    out.push('No model requests in this period.');
  } else {
    const byThread = report.rows.some((r) => r.threadId !== undefined);
    const headers = ['day', ...(byThread ? ['thread'] : []), 'provider', 'profile', 'model', 'requests', 'input', 'cache read', 'cache write', 'output', 'cost'];
    const rows = report.rows.map((r) => [
      r.day,
      ...(byThread ? [r.threadId ?? ''] : []),
      r.provider,
      r.profile ?? '',
      r.model,
      n(r.requests),
      n(r.usage.inputTokens),
      n(r.usage.cacheReadTokens),
      n(r.usage.cacheWriteTokens),
      n(r.usage.outputTokens),
      formatCost(r.cost),
    ]);
    const requestsColumn = headers.indexOf('requests');
    out.push(...table(headers, rows, new Set(Array.from({ length: 6 }, (_, i) => requestsColumn + i))));
    const requests = report.rows.reduce((sum, r) => sum + r.requests, 0);
    out.push('', `Total: ${formatCost(report.total)} over ${n(requests)} request${requests === 1 ? '' : 's'}`);
    const unpriced = report.total.unpricedModels ?? [];
    if (unpriced.length) out.push(`No price for: ${unpriced.join(', ')} (add them with --pricing FILE)`);
  }
  if (report.alternatives.length) {
    out.push('', 'On the other clouds (the same requests, priced there):');
    const rows = report.alternatives.map((a) => [a.family, a.provider, a.profile ? `${a.profile} (${a.model})` : a.model, formatCost(a.cost), formatCost(a.actual)]);
    out.push(...table(['family', 'provider', 'model', 'would cost', 'actual'], rows, new Set([3, 4])));
  }
  out.push('', `Prices: ${report.priceSources.join('; ')}`);
  return out;
}

async function run(args: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        thread: { type: 'string' },
        'by-thread': { type: 'boolean' },
        alternatives: { type: 'boolean' },
        format: { type: 'string', default: 'table' },
        ledger: { type: 'string' },
        pricing: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const format = values.format;
  if (format !== 'table' && format !== 'csv' && format !== 'json') throw new UsageError(`--format is table, csv or json, not '${format}'`);
  const since = parseDay('--since', values.since);
  const untilDay = parseDay('--until', values.until);
  const until = untilDay === undefined ? Date.now() : untilDay + 86_400_000 - 1;
  const ledgerPath = values.ledger ? path.resolve(io.cwd, values.ledger) : defaultLedgerPath(io.env);

  const overrides = values.pricing ? [await loadPricingFile(path.resolve(io.cwd, values.pricing))] : [];
  const book = mergePrices(shippedLayer(SHIPPED_PRICES), ...overrides);
  const pricer = new TablePricer(book);

  const { entries, skippedLines } = await new FileLedgerStore(ledgerPath).readAll();
  if (skippedLines.length) {
    writeLine(io.stderr, `crosswind cost: skipped ${skippedLines.length} unreadable line${skippedLines.length === 1 ? '' : 's'} in ${ledgerPath} (line ${skippedLines.slice(0, 5).join(', ')}${skippedLines.length > 5 ? ', …' : ''})`);
  }
  const report = buildCostReport({
    entries,
    pricer,
    targets: targetsFromPriceBook(book),
    since,
    until,
    threadId: values.thread,
    byThread: values['by-thread'],
    reprice: overrides.length > 0,
  });

  if (format === 'json') io.stdout.write(costReportToJson(report));
  else if (format === 'csv') io.stdout.write(values.alternatives ? costAlternativesToCsv(report) : costReportToCsv(report));
  else for (const l of renderTable(report, ledgerPath)) writeLine(io.stdout, l);
  return 0;
}

export const costCommand: CliCommand = {
  name: 'cost',
  summary: 'What model requests cost, per day, provider and model, and on the other clouds',
  usage: USAGE,
  run,
};
