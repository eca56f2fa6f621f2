// The status bar's words: a short model name, the cost (unknown said, never $0), token counts. Pure: no
// vscode import, so it is unit-tested.
import { type Cost, type Usage } from '../protocol';
import { formatUsd, shortModelName } from '../shared';

const MAX_MODEL_CHARS = 36;

/** "us.anthropic.claude-sonnet-4-5-20250929-v1:0" → "claude-sonnet-4-5": the name the sidebar's header uses too. */
export function shortModel(model: string): string {
  const m = shortModelName(model);
  return m.length > MAX_MODEL_CHARS ? `${m.slice(0, MAX_MODEL_CHARS - 1)}…` : m;
}

/** The cost as the status bar shows it: unknown is said, never shown as $0. */
export function statusCost(cost: Cost): string {
  return cost.usd === null ? 'cost unknown' : formatUsd(cost.usd);
}

/** "1,234 in / 56 out tokens", with the prompt cache when it was used. */
export function tokens(u: Usage): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const cache = u.cacheReadTokens || u.cacheWriteTokens ? `, cache ${n(u.cacheReadTokens)} read / ${n(u.cacheWriteTokens)} written` : '';
  return `${n(u.inputTokens)} in / ${n(u.outputTokens)} out tokens${cache}`;
}
