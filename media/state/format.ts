// Text the view shows for numbers and values: money, tokens, durations, commands, dates, providers.
// Money is never invented: an unknown price reads "unknown" (or "≥ $x" for the known part), never $0.00.
import type { Cost, ProviderKind, ServedBy, Usage } from '../../src/protocol/common';
import { formatUsd } from '../../src/shared/cost-math';
import { modelLabel } from '../../src/shared/model-names';

/** Compact, for the sidebar's narrow cells (describeCost says why a cost is partial or unknown). */
export function formatCost(cost: Cost): string {
  if (cost.usd !== null) return formatUsd(cost.usd);
  return cost.partialUsd > 0 ? `≥ ${formatUsd(cost.partialUsd)}` : 'unknown';
}

/** A sentence for tooltips and screen readers that says why a cost is unknown or partial. */
export function describeCost(cost: Cost): string {
  if (cost.usd !== null) return formatUsd(cost.usd);
  const models = cost.unpricedModels.length ? ` (no price for ${cost.unpricedModels.join(', ')})` : '';
  return cost.partialUsd > 0
    ? `at least ${formatUsd(cost.partialUsd)}; some usage has no known price${models}`
    : `unknown: no known price${models}`;
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trimZero((n / 1000).toFixed(n < 10_000 ? 1 : 0))}k`;
  return `${trimZero((n / 1_000_000).toFixed(1))}M`;
}

export function totalTokens(usage: Usage): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}

/** "12.3k in · 1.2k out" */
export function formatUsage(usage: Usage): string {
  return `${formatTokens(usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens)} in · ${formatTokens(usage.outputTokens)} out`;
}

export function describeUsage(usage: Usage): string {
  const parts = [`${usage.inputTokens} input`, `${usage.outputTokens} output`];
  if (usage.cacheReadTokens) parts.push(`${usage.cacheReadTokens} cache read`);
  if (usage.cacheWriteTokens) parts.push(`${usage.cacheWriteTokens} cache write`);
  if (usage.reasoningTokens) parts.push(`${usage.reasoningTokens} reasoning`);
  return `${parts.join(', ')} tokens`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${trimZero((ms / 1000).toFixed(1))} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** argv as a user would type it; `bash -lc "script"` shows just the script. */
export function formatCommand(argv: string[]): string {
  if (argv.length === 3 && /^(ba|z)?sh$/.test(argv[0] ?? '') && /^-l?c$/.test(argv[1] ?? '')) return argv[2] ?? '';
  return argv.map(quoteArg).join(' ');
}

function quoteArg(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

const PROVIDER_NAMES: Record<ProviderKind, string> = { bedrock: 'Amazon Bedrock', azure: 'Azure OpenAI', openai: 'OpenAI' };

export function providerName(kind: ProviderKind): string {
  return PROVIDER_NAMES[kind];
}

export function formatServedBy(s: ServedBy): string {
  return `${providerName(s.provider)} · ${s.model}${s.location ? ` (${s.location})` : ''}`;
}

/** Who answered, as the header names its model ("Azure · gpt-5"): the same words for the same model. */
export function servedByLabel(s: Pick<ServedBy, 'provider' | 'model'>): string {
  return modelLabel(s.provider, s.model);
}

/** "just now", "5 min ago", "3 h ago", "yesterday", then a date. */
export function relativeTime(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 2 * 86_400) return 'yesterday';
  return new Date(at).toISOString().slice(0, 10);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function trimZero(s: string): string {
  return s.replace(/\.0$/, '');
}
