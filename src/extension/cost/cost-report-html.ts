// The cost report page: totals, spend by provider/model, by day × provider × model, and "on the other
// clouds". It has no script at all: the period and export links are command URIs the panel allows one by
// one, and the only inline code is a <style> carrying the page's nonce. Pure: no vscode import.
import { type Cost, type CostAlternative, type CostReport, type CostRow, type Usage } from '../../protocol';
import { addUsage, formatUsd, sumCosts, ZERO_USAGE } from '../../shared';
import { COST_PERIOD_LABELS, COST_PERIODS, type CostPeriod } from './cost-period';

/** The commands the page links to (the panel's enableCommandUris allow-list). */
export const COST_REPORT_LINK_COMMANDS = ['crosswind.costReportPeriod', 'crosswind.exportCostReport', 'crosswind.showCostReport'] as const;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function commandLink(command: (typeof COST_REPORT_LINK_COMMANDS)[number], args: unknown[], text: string, current = false): string {
  const href = `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
  return `<a href="${escapeHtml(href)}"${current ? ' aria-current="true" class="current"' : ''}>${escapeHtml(text)}</a>`;
}

/** "$0.0123"; "unknown" (with the known part, starred) when some price was missing. Never $0 for unknown. */
export function costCell(cost: Cost): string {
  if (cost.usd !== null) return escapeHtml(formatUsd(cost.usd));
  const partial = cost.partialUsd ?? 0;
  const models = cost.unpricedModels?.length ? `No price for ${cost.unpricedModels.join(', ')}` : 'Some prices are unknown';
  return `<span class="unknown" title="${escapeHtml(models)}">${partial > 0 ? `≥ ${escapeHtml(formatUsd(partial))}*` : 'unknown*'}</span>`;
}

const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');

function usageCells(u: Usage): string {
  return [u.inputTokens, u.outputTokens, u.cacheReadTokens, u.cacheWriteTokens].map((x) => `<td class="num">${n(x)}</td>`).join('');
}

const USAGE_HEADERS = '<th class="num">Input</th><th class="num">Output</th><th class="num">Cache read</th><th class="num">Cache write</th>';

interface Group {
  provider: string;
  profile?: string;
  model: string;
  requests: number;
  usage: Usage;
  costs: Cost[];
}

function byProviderModel(rows: readonly CostRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const key = JSON.stringify([r.provider, r.profile ?? '', r.model]);
    const g = groups.get(key) ?? { provider: r.provider, ...(r.profile ? { profile: r.profile } : {}), model: r.model, requests: 0, usage: ZERO_USAGE, costs: [] };
    g.requests += r.requests;
    g.usage = addUsage(g.usage, r.usage);
    g.costs.push(r.cost);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
}

function modelCells(r: { provider: string; profile?: string | undefined; model: string }): string {
  return `<td>${escapeHtml(r.provider)}</td><td>${escapeHtml(r.profile ?? '')}</td><td class="model"><code>${escapeHtml(r.model)}</code></td>`;
}

/**
 * The cost is the number that matters: it comes first in every table, so a report in half an editor (or
 * less) shows it whatever else has to scroll; a table wider than the page scrolls inside its own box.
 */
function table(testId: string, head: string, body: string): string {
  return `<div class="table-scroll"><table data-testid="${testId}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const COST_HEADER = '<th class="num cost">Cost</th>';

function costTd(cost: Cost): string {
  return `<td class="num cost">${costCell(cost)}</td>`;
}

function totalsTable(rows: readonly CostRow[]): string {
  const groups = byProviderModel(rows);
  const body = groups.map((g) => `<tr>${costTd(sumCosts(g.costs))}${modelCells(g)}<td class="num">${n(g.requests)}</td>${usageCells(g.usage)}</tr>`).join('');
  return table('by-model', `${COST_HEADER}<th>Provider</th><th>Profile</th><th>Model</th><th class="num">Requests</th>${USAGE_HEADERS}`, body);
}

function dayTable(rows: readonly CostRow[]): string {
  const days = [...new Set(rows.map((r) => r.day))].sort().reverse();
  const body = days
    .map((day) => {
      const ofDay = rows.filter((r) => r.day === day).sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
      const lines = ofDay.map((r, i) => `<tr>${i === 0 ? `<td class="nowrap" rowspan="${ofDay.length + (ofDay.length > 1 ? 1 : 0)}">${escapeHtml(r.day)}</td>` : ''}${costTd(r.cost)}${modelCells(r)}<td class="num">${n(r.requests)}</td>${usageCells(r.usage)}</tr>`);
      if (ofDay.length > 1) {
        const usage = ofDay.reduce((acc, r) => addUsage(acc, r.usage), ZERO_USAGE);
        lines.push(`<tr class="subtotal">${costTd(sumCosts(ofDay.map((r) => r.cost)))}<td colspan="3">Day total</td><td class="num">${n(ofDay.reduce((a, r) => a + r.requests, 0))}</td>${usageCells(usage)}</tr>`);
      }
      return lines.join('');
    })
    .join('');
  return table('by-day', `<th>Day (UTC)</th>${COST_HEADER}<th>Provider</th><th>Profile</th><th>Model</th><th class="num">Requests</th>${USAGE_HEADERS}`, body);
}

function differenceCell(a: CostAlternative): string {
  if (a.cost.usd === null || a.actual.usd === null) return '<td class="num">—</td>';
  const diff = a.cost.usd - a.actual.usd;
  const pct = a.actual.usd > 0 ? ` (${diff >= 0 ? '+' : '−'}${Math.abs((diff / a.actual.usd) * 100).toFixed(0)}%)` : '';
  const cls = diff < 0 ? 'cheaper' : diff > 0 ? 'dearer' : '';
  return `<td class="num ${cls}">${diff < 0 ? '−' : diff > 0 ? '+' : ''}${escapeHtml(formatUsd(Math.abs(diff)))}${pct}</td>`;
}

function alternativesTable(alternatives: readonly CostAlternative[]): string {
  if (alternatives.length === 0) {
    return '<p class="muted">No other configured profile runs a model of the same family. Add one with <em>Crosswind: Select Provider…</em> (say, the same Claude model on Bedrock and an OpenAI model on Azure and on OpenAI) to compare.</p>';
  }
  const body = alternatives
    .map((a) => `<tr>${costTd(a.cost)}${differenceCell(a)}<td class="num">${costCell(a.actual)}</td><td>${escapeHtml(a.family)}</td>${modelCells(a)}</tr>`)
    .join('');
  return table(
    'alternatives',
    '<th class="num cost">Would have cost</th><th class="num">Difference</th><th class="num">Actually cost</th><th>Family</th><th>Provider</th><th>Profile</th><th>Model</th>',
    body,
  );
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 24px; }
h1 { font-size: 1.4em; margin: 16px 0 4px; } h2 { font-size: 1.1em; margin: 24px 0 8px; }
nav, .actions { margin: 6px 0; } nav a, .actions a { margin-right: 12px; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; } a:hover { text-decoration: underline; }
a.current { color: var(--vscode-foreground); font-weight: 600; pointer-events: none; }
table { border-collapse: collapse; width: 100%; margin: 0; }
.table-scroll { overflow-x: auto; margin: 4px 0 8px; }
td.model code { overflow-wrap: anywhere; }
.cost { font-weight: 600; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.3)); vertical-align: top; }
th { font-weight: 600; color: var(--vscode-descriptionForeground); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.subtotal td { font-weight: 600; }
.nowrap { white-space: nowrap; }
.summary { display: flex; gap: 32px; flex-wrap: wrap; margin: 12px 0; }
.summary .value { font-size: 1.6em; font-weight: 600; }
.muted, .note { color: var(--vscode-descriptionForeground); }
.unknown { color: var(--vscode-editorWarning-foreground); }
.cheaper { color: var(--vscode-charts-green, #3a3); } .dearer { color: var(--vscode-charts-red, #c33); }
code { font-family: var(--vscode-editor-font-family); font-size: .95em; }
`;

export interface CostReportPage {
  report: CostReport;
  period: CostPeriod;
  /** Allows the page's one <style>; nothing else loads. */
  nonce: string;
}

export function renderCostReportHtml({ report, period, nonce }: CostReportPage): string {
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`, "script-src 'none'", "img-src 'none'", "form-action 'none'", "base-uri 'none'", "frame-src 'none'"].join('; ');
  const requests = report.rows.reduce((a, r) => a + r.requests, 0);
  const from = report.since !== undefined ? new Date(report.since).toISOString().slice(0, 10) : 'the first recorded request';
  const to = new Date(report.until).toISOString().slice(0, 16).replace('T', ' ');
  const periods = COST_PERIODS.map((p) => commandLink('crosswind.costReportPeriod', [p], COST_PERIOD_LABELS[p], p === period)).join('');
  const exports = [
    commandLink('crosswind.exportCostReport', ['csv'], 'Export spend (CSV)'),
    commandLink('crosswind.exportCostReport', ['alternatives-csv'], 'Export “on the other clouds” (CSV)'),
    commandLink('crosswind.exportCostReport', ['json'], 'Export full report (JSON)'),
    commandLink('crosswind.showCostReport', [{ period }], 'Refresh'),
  ].join('');
  const hasUnknown = report.total.usd === null || report.rows.some((r) => r.cost.usd === null);
  const content =
    report.rows.length === 0
      ? '<p class="muted" data-testid="empty">No model requests were recorded in this period.</p>'
      : `<h2>By provider and model</h2>${totalsTable(report.rows)}<h2>By day</h2>${dayTable(report.rows)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${STYLE}</style>
<title>Crosswind Cost Report</title>
</head>
<body>
<h1>Crosswind cost report</h1>
<p class="muted">${escapeHtml(COST_PERIOD_LABELS[period])}: from ${escapeHtml(from)} to ${escapeHtml(to)} UTC</p>
<nav aria-label="Period">${periods}</nav>
<div class="actions">${exports}</div>
<div class="summary">
<div><div class="muted">Total</div><div class="value" data-testid="total">${costCell(report.total)}</div></div>
<div><div class="muted">Requests</div><div class="value">${n(requests)}</div></div>
<div><div class="muted">Tokens in / out</div><div class="value">${n(report.usage.inputTokens)} / ${n(report.usage.outputTokens)}</div></div>
</div>
${content}
<h2>On the other clouds</h2>
<p class="muted">For the same usage, what each other configured profile of the same model family would have cost.</p>
${alternativesTable(report.alternatives)}
${hasUnknown ? '<p class="note">* Some usage has no known price, so its cost is shown as unknown (never as $0). Add the price in the <code>crosswind.pricing</code> setting.</p>' : ''}
<p class="note">Prices: ${report.priceSources.map(escapeHtml).join('; ') || 'the built-in table'}.</p>
</body>
</html>`;
}

/** The page when the report could not be made (engine down, ledger unreadable). */
export function renderCostReportError(message: string, nonce: string): string {
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`, "script-src 'none'"].join('; ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><style nonce="${nonce}">${STYLE}</style><title>Crosswind Cost Report</title></head>
<body><h1>Crosswind cost report</h1><p class="unknown" data-testid="error">The cost report could not be made: ${escapeHtml(message)}</p>
<div class="actions">${commandLink('crosswind.showCostReport', [{}], 'Try again')}</div></body></html>`;
}
