// Reviewable hunks. Applying a patch yields regions (old lines [oldStart, oldEnd) became newRaw); outside
// them old and new are identical, so hunks come from diffing each region alone (jsdiff's diffArrays, after
// trimming what the region's two sides share at either end) and grouping the changes with three lines of
// context, as `diff -u` does. That costs time in proportion to the changes, not to the file: diffing a
// 100,000-line file whole would take half a second. Lines are compared with their endings, so a change of
// line ending or of the final newline is a change a reviewer sees (with git's "No newline" marker).
import { diffArrays } from 'diff';
import { endingOf, lineAt, rawLine, sameAt, type Lines } from './lines';
import type { PlannedHunk } from './types';

/** Old lines [oldStart, oldEnd) were replaced by newRaw (lines with their endings), which start at new line newStart. */
export interface Region {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newRaw: string[];
}

export const CONTEXT_LINES = 3;
const NO_NEWLINE = '\\ No newline at end of file';
/** A region whose two sides cannot be diffed in this time is shown as removed-then-added as a whole. */
const DIFF_TIMEOUT_MS = 2000;

interface Block {
  oldStart: number;
  oldRaw: string[];
  newStart: number;
  newRaw: string[];
}

export interface HunkSet {
  hunks: PlannedHunk[];
  additions: number;
  deletions: number;
}

export function hunksFromRegions(old: Lines, regions: readonly Region[]): HunkSet {
  const blocks: Block[] = [];
  for (const region of regions) blocks.push(...blocksOf(old, region));
  const hunks: PlannedHunk[] = [];
  let additions = 0;
  let deletions = 0;
  for (let i = 0; i < blocks.length; ) {
    let j = i + 1;
    while (j < blocks.length && blocks[j].oldStart - oldEnd(blocks[j - 1]) <= 2 * CONTEXT_LINES) j++;
    const hunk = toHunk(old, blocks.slice(i, j), hunks.length);
    additions += hunk.additions;
    deletions += hunk.deletions;
    hunks.push(hunk);
    i = j;
  }
  return { hunks, additions, deletions };
}

/** The whole-file case: every line of old replaced by every line of new. */
export function wholeFileRegion(old: Lines, newLines: Lines): Region {
  const newRaw: string[] = [];
  for (let i = 0; i < newLines.count; i++) newRaw.push(rawLine(newLines, i));
  return { oldStart: 0, oldEnd: old.count, newStart: 0, newRaw };
}

function oldEnd(b: Block): number {
  return b.oldStart + b.oldRaw.length;
}

/** Whether old line i, ending included, is exactly `raw`. */
function sameRaw(old: Lines, i: number, raw: string): boolean {
  const start = old.starts[i];
  return old.starts[i + 1] - start === raw.length && sameAt(old.text, start, raw);
}

function blocksOf(old: Lines, region: Region): Block[] {
  const newRaw = region.newRaw;
  const oldCount = region.oldEnd - region.oldStart;
  const shorter = Math.min(oldCount, newRaw.length);
  let head = 0;
  while (head < shorter && sameRaw(old, region.oldStart + head, newRaw[head])) head++;
  let tail = 0;
  while (tail < shorter - head && sameRaw(old, region.oldEnd - 1 - tail, newRaw[newRaw.length - 1 - tail])) tail++;
  const oldMid: string[] = [];
  for (let i = region.oldStart + head; i < region.oldEnd - tail; i++) oldMid.push(rawLine(old, i));
  const newMid = newRaw.slice(head, newRaw.length - tail);
  const oldAt = region.oldStart + head;
  const newAt = region.newStart + head;
  if (oldMid.length === 0 && newMid.length === 0) return [];
  const whole = [{ oldStart: oldAt, oldRaw: oldMid, newStart: newAt, newRaw: newMid }];
  if (oldMid.length === 0 || newMid.length === 0 || disjoint(oldMid, newMid)) return whole;
  const changes = diffArrays(oldMid, newMid, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return whole;
  const blocks: Block[] = [];
  let o = 0;
  let n = 0;
  let pending: Block | null = null;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (pending) blocks.push(pending);
      pending = null;
      o += change.count;
      n += change.count;
      continue;
    }
    pending ??= { oldStart: oldAt + o, oldRaw: [], newStart: newAt + n, newRaw: [] };
    if (change.removed) {
      pending.oldRaw.push(...change.value);
      o += change.count;
    } else {
      pending.newRaw.push(...change.value);
      n += change.count;
    }
  }
  if (pending) blocks.push(pending);
  return blocks;
}

/** Small sides with no line in common: a diff would only say "all removed, all added". */
function disjoint(a: string[], b: string[]): boolean {
  if (a.length * b.length > 64) return false;
  for (const x of a) if (b.includes(x)) return false;
  return true;
}

function toHunk(old: Lines, blocks: Block[], index: number): PlannedHunk {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  const start = Math.max(0, first.oldStart - CONTEXT_LINES);
  const end = Math.min(old.count, oldEnd(last) + CONTEXT_LINES);
  const lines: string[] = [];
  let additions = 0;
  let deletions = 0;
  let contextCount = 0;
  let at = start;
  for (const block of blocks) {
    contextCount += pushContext(lines, old, at, block.oldStart);
    for (const raw of block.oldRaw) push(lines, '-', raw);
    for (const raw of block.newRaw) push(lines, '+', raw);
    deletions += block.oldRaw.length;
    additions += block.newRaw.length;
    at = oldEnd(block);
  }
  contextCount += pushContext(lines, old, at, end);
  return {
    index,
    oldStart: start + 1,
    oldLines: end - start,
    newStart: first.newStart - (first.oldStart - start) + 1,
    newLines: contextCount + additions,
    lines,
    additions,
    deletions,
  };
}

function pushContext(lines: string[], old: Lines, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    lines.push(' ' + lineAt(old, i));
    if (old.ends[i] === old.starts[i + 1]) lines.push(NO_NEWLINE);
  }
  return to - from;
}

function push(lines: string[], marker: string, raw: string): void {
  const ending = endingOf(raw);
  lines.push(marker + raw.slice(0, raw.length - ending.length));
  if (ending === '') lines.push(NO_NEWLINE);
}
