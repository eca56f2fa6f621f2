// Fitting the conversation into the model's context window. Tokens are estimated from characters and
// calibrated against what the provider reported for the previous request; when the estimate nears the
// window, older tool output is elided first, then older turns are replaced by a summary that keeps the
// user's requests, the answers, the files changed, the plan and the pending patches. Deterministic and
// pure, so the same thread always compacts the same way and it needs no model call.
import type { ConversationItem } from '../model/types';

/** Fraction of the window the request may use; the rest is left for the answer. */
export const WINDOW_FILL = 0.8;
const CHARS_PER_TOKEN = 3.6;
const ELIDE_ABOVE_CHARS = 2_000;
const KEEP_HEAD_CHARS = 600;

/** Known context windows by model id pattern (provider prefixes and versions ignored). */
const WINDOWS: [RegExp, number][] = [
  [/gpt-5|codex/i, 400_000],
  [/gpt-4\.1/i, 1_000_000],
  [/o[34]-|o[34]$/i, 200_000],
  [/claude.*(sonnet-4|opus-4|haiku-4)/i, 200_000],
  [/claude/i, 200_000],
  [/nova-premier/i, 1_000_000],
  [/nova-(pro|lite)/i, 300_000],
  [/nova-micro/i, 128_000],
  [/llama-?4/i, 1_000_000],
  [/llama/i, 128_000],
  [/gpt-oss/i, 128_000],
];

export function contextWindowOf(model: string, override?: number): number {
  if (override) return override;
  return WINDOWS.find(([re]) => re.test(model))?.[1] ?? 128_000;
}

export class TokenEstimator {
  /** Reported tokens per estimated token, from the last request (1 until calibrated). */
  private ratio = 1;

  estimateText(text: string): number {
    return Math.ceil((text.length / CHARS_PER_TOKEN) * this.ratio);
  }

  estimateItems(items: ConversationItem[]): number {
    let chars = 0;
    for (const it of items) chars += itemChars(it) + 12;
    return Math.ceil((chars / CHARS_PER_TOKEN) * this.ratio);
  }

  /** Learn from the provider's count for a request we estimated at `estimated` tokens. */
  calibrate(estimated: number, reported: number): void {
    if (estimated <= 0 || reported <= 0) return;
    const r = reported / (estimated / this.ratio);
    // Bounded: a single odd report must not make the estimate absurd.
    this.ratio = Math.min(3, Math.max(0.33, r));
  }
}

/**
 * What an image is counted as, in tokens: the most Claude charges for one (about 1,600 for an image
 * of ~1.15 megapixels, https://platform.claude.com/docs/en/build-with-claude/vision); OpenAI's tiles
 * cost less. Over-counting compacts a little early; under-counting would overflow the window.
 */
const IMAGE_TOKENS = 1_600;

function itemChars(it: ConversationItem): number {
  switch (it.type) {
    case 'user':
      return it.text.length + (it.images?.length ?? 0) * IMAGE_TOKENS * CHARS_PER_TOKEN;
    case 'assistant':
      return it.text.length;
    case 'reasoning':
      return it.text.length + (it.encryptedContent?.length ?? 0) / 2;
    case 'toolCall':
      return it.rawArguments.length + it.name.length;
    case 'toolResult':
      return it.output.length;
  }
}

export interface CompactionContext {
  /** The latest plan, to keep through a compaction. */
  plan?: string;
  /** Pending patches, one line each. */
  pendingPatches?: string[];
}

export interface Compacted {
  items: ConversationItem[];
  /** What was done to fit, or undefined when nothing was needed. */
  action?: 'elidedToolOutput' | 'summarisedTurns';
  droppedTurns: number;
}

/** Splits a conversation into turns, each starting at a user message. */
function splitTurns(items: ConversationItem[]): ConversationItem[][] {
  const turns: ConversationItem[][] = [];
  for (const it of items) {
    if (it.type === 'user' || turns.length === 0) turns.push([]);
    turns[turns.length - 1]!.push(it);
  }
  return turns;
}

function elide(item: ConversationItem): ConversationItem {
  if (item.type !== 'toolResult' || item.output.length <= ELIDE_ABOVE_CHARS) return item;
  const dropped = item.output.length - KEEP_HEAD_CHARS;
  return { ...item, output: `${item.output.slice(0, KEEP_HEAD_CHARS)}\n[… ${dropped} characters of older tool output elided to fit the context window]` };
}

function summariseTurn(turn: ConversationItem[], n: number): string {
  const user = turn.find((i) => i.type === 'user');
  const answers = turn.filter((i): i is Extract<ConversationItem, { type: 'assistant' }> => i.type === 'assistant');
  const files = new Set<string>();
  for (const i of turn) {
    if (i.type === 'toolCall' && i.name === 'apply_patch' && typeof i.input?.input === 'string') {
      for (const m of i.input.input.matchAll(/^\*\*\* (?:Add|Update|Delete) File: (.+)$/gm)) files.add(m[1]!.trim());
    }
  }
  const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);
  const parts = [`${n}. The user asked: ${clip(user?.type === 'user' ? user.text.replace(/\s+/g, ' ') : '(nothing)', 400)}`];
  const last = answers[answers.length - 1];
  if (last) parts.push(`   You answered: ${clip(last.text.replace(/\s+/g, ' '), 400)}`);
  if (files.size) parts.push(`   Files patched: ${[...files].join(', ')}`);
  return parts.join('\n');
}

/**
 * Returns the items to send so that they (plus `fixedTokens` of system prompt and tools) fit in
 * `window * WINDOW_FILL` tokens, or as close as compaction can get.
 */
export function compactToFit(
  conversation: ConversationItem[],
  window: number,
  fixedTokens: number,
  estimator: TokenEstimator,
  ctx: CompactionContext = {},
): Compacted {
  const budget = Math.max(1, Math.floor(window * WINDOW_FILL) - fixedTokens);
  if (estimator.estimateItems(conversation) <= budget) return { items: conversation, droppedTurns: 0 };

  const turns = splitTurns(conversation);
  // 1. Elide large tool outputs in all but the last two turns.
  let elided = turns.map((t, i) => (i < turns.length - 2 ? t.map(elide) : t));
  let flat = elided.flat();
  if (estimator.estimateItems(flat) <= budget) return { items: flat, action: 'elidedToolOutput', droppedTurns: 0 };

  // 2. Replace the oldest turns by a summary until it fits (the current turn is always kept).
  let dropped = 0;
  const summaryOf = (k: number): ConversationItem => {
    const lines = turns.slice(0, k).map((t, i) => summariseTurn(t, i + 1));
    if (ctx.plan) lines.push(`Current plan:\n${ctx.plan}`);
    if (ctx.pendingPatches?.length) lines.push(`Patches still waiting for the user's review:\n${ctx.pendingPatches.join('\n')}`);
    return { type: 'user', text: `[Summary of the earlier conversation, compacted to fit the context window]\n${lines.join('\n')}` };
  };
  while (dropped < turns.length - 1) {
    dropped++;
    const rest = elided.slice(dropped);
    flat = [summaryOf(dropped), ...rest.flat()];
    if (estimator.estimateItems(flat) <= budget) return { items: mergeLeadingUsers(flat), action: 'summarisedTurns', droppedTurns: dropped };
  }
  // 3. Only the current turn is left: elide its older tool outputs too, keeping the last three.
  const current = elided[elided.length - 1]!;
  const results = current.filter((i) => i.type === 'toolResult');
  const keep = new Set<ConversationItem>(results.slice(-3));
  elided = [current.map((i) => (keep.has(i) ? i : elide(i)))];
  flat = [summaryOf(turns.length - 1), ...elided.flat()];
  return { items: mergeLeadingUsers(flat), action: 'summarisedTurns', droppedTurns: turns.length - 1 };
}

/** The summary and the next user message become one user message (providers want alternating roles). */
function mergeLeadingUsers(items: ConversationItem[]): ConversationItem[] {
  const [a, b, ...rest] = items;
  if (a?.type === 'user' && b?.type === 'user') {
    const images = [...(a.images ?? []), ...(b.images ?? [])];
    return [{ type: 'user', text: `${a.text}\n\n${b.text}`, ...(images.length ? { images } : {}) }, ...rest];
  }
  return items;
}
