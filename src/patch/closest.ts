// When a chunk does not match, the model retries far better if it is shown what the file actually holds
// where it was aiming. This finds the window of the file that shares the most lines with what was looked
// for (compared loosely), preferring windows at or after the cursor; when no line is shared at all, the
// window starting at the line most similar to the first line looked for.
import type { ClosestMatch } from './errors';
import { loose } from './seek';

export function closestWindow(lines: readonly string[], pattern: readonly string[], cursor: number): ClosestMatch | undefined {
  if (lines.length === 0 || pattern.length === 0) return undefined;
  const size = Math.min(pattern.length, lines.length);
  const best = bestByShared(lines, pattern, cursor) ?? bestBySimilarity(lines, pattern);
  if (!best) return undefined;
  const start = Math.max(0, Math.min(best.start, lines.length - size));
  return { line: start + 1, lines: lines.slice(start, start + size), matching: best.shared };
}

function bestByShared(lines: readonly string[], pattern: readonly string[], cursor: number): { start: number; shared: number } | null {
  const positions = new Map<string, number[]>();
  pattern.forEach((p, j) => {
    const key = loose(p);
    if (key === '') return; // blank lines match everywhere and say nothing about position
    const list = positions.get(key);
    if (list) list.push(j);
    else positions.set(key, [j]);
  });
  const scores = new Map<number, number>();
  for (let t = 0; t < lines.length; t++) {
    const js = positions.get(loose(lines[t]));
    if (!js) continue;
    for (const j of js) scores.set(t - j, (scores.get(t - j) ?? 0) + 1);
  }
  let best: { start: number; shared: number } | null = null;
  for (const [start, shared] of scores) {
    if (!best || shared > best.shared || (shared === best.shared && rank(start, cursor) < rank(best.start, cursor))) {
      best = { start, shared };
    }
  }
  return best;
}

/** Distance from the cursor, with windows before it ranked after every window at or after it. */
function rank(start: number, cursor: number): number {
  return start >= cursor ? start - cursor : Number.MAX_SAFE_INTEGER / 2 + (cursor - start);
}

function bestBySimilarity(lines: readonly string[], pattern: readonly string[]): { start: number; shared: number } | null {
  const j = pattern.findIndex((p) => p.trim() !== '');
  if (j < 0) return null;
  const wanted = bigrams(loose(pattern[j]));
  let bestAt = -1;
  let bestScore = 0;
  for (let t = 0; t < lines.length; t++) {
    const score = dice(wanted, bigrams(loose(lines[t])));
    if (score > bestScore) {
      bestScore = score;
      bestAt = t;
    }
  }
  return bestAt < 0 ? null : { start: bestAt - j, shared: 0 };
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const end = Math.min(s.length, 400); // long lines are alike enough by their start; bounds the cost
  for (let i = 0; i + 1 < end; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0;
  let total = 0;
  for (const [g, n] of a) {
    common += Math.min(n, b.get(g) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}
