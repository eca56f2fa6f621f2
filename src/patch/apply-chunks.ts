// Applies an Update's chunks to one file's text, as Codex does: chunks are sought in order from a cursor
// that only moves forward, an `@@ anchor` moves it past the anchor line, a chunk with no old lines is
// appended at the end of the file, and a chunk whose old lines end with a blank line is retried without
// it. Unlike Codex, the file's own text is kept wherever the patch does not change it: untouched lines
// and the chunk's context lines are copied byte for byte (even when a fuzzy pass matched them), and the
// lines the patch adds get the file's dominant line ending. The result is the new text plus the regions
// that changed, from which the reviewable hunks are made.
import { closestWindow } from './closest';
import { PatchError } from './errors';
import { type Region } from './hunks';
import { allLines, endingOf, endsWithNewline, rawLine, type Lines } from './lines';
import type { Eol, UpdateChunk } from './types';
import { LineMatcher, PASS_NAMES } from './seek';

interface Replacement {
  start: number;
  count: number;
  lines: readonly string[];
  /** Per new line, the old line (relative to start) it keeps, or -1. */
  keep: readonly number[];
}

const NONE_KEPT: readonly number[] = [];

export interface AppliedChunks {
  text: string;
  regions: Region[];
}

export function applyChunks(file: Lines, chunks: readonly UpdateChunk[], path: string): AppliedChunks {
  const replacements = locate(file, chunks, path);
  return build(file, replacements, wantsFinalNewline(file, chunks));
}

function locate(file: Lines, chunks: readonly UpdateChunk[], path: string): Replacement[] {
  const matcher = new LineMatcher(file);
  const n = file.count;
  const replacements: Replacement[] = [];
  let cursor = 0;
  let shift = 0; // how far the file has moved from the unified-diff line hints so far
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k];
    if (chunk.anchor !== null) {
      const at = matcher.seek([chunk.anchor], cursor, false);
      if (at === null) throw anchorNotFound(file, chunk, k, chunks.length, path, cursor);
      cursor = at + 1;
    }
    const hint = chunk.lineHint === undefined ? undefined : chunk.lineHint + shift;
    if (chunk.oldLines.length === 0) {
      const at = hint === undefined || chunk.endOfFile ? n : Math.min(Math.max(hint, cursor), n);
      replacements.push({ start: at, count: 0, lines: chunk.newLines, keep: NONE_KEPT });
      if (hint !== undefined) cursor = at;
      continue;
    }
    let oldLines = chunk.oldLines;
    let newLines = chunk.newLines;
    let at = seekChunk(matcher, oldLines, cursor, chunk.endOfFile, hint);
    if (at === null && oldLines[oldLines.length - 1] === '') {
      oldLines = oldLines.slice(0, -1);
      if (newLines[newLines.length - 1] === '') newLines = newLines.slice(0, -1);
      at = seekChunk(matcher, oldLines, cursor, chunk.endOfFile, hint);
    }
    if (at === null) throw linesNotFound(file, chunk, k, chunks.length, path, cursor);
    replacements.push({ start: at, count: oldLines.length, lines: newLines, keep: chunk.keep });
    cursor = at + oldLines.length;
    if (chunk.lineHint !== undefined) shift = at - chunk.lineHint;
  }
  // Stable: insertions at the same place (several chunks appended at the end) keep their patch order.
  return replacements.sort((a, b) => a.start - b.start);
}

function seekChunk(matcher: LineMatcher, pattern: readonly string[], cursor: number, eof: boolean, hint: number | undefined): number | null {
  return hint === undefined ? matcher.seek(pattern, cursor, eof) : matcher.seekNear(pattern, cursor, eof, hint);
}

/**
 * Codex ends every updated file with a newline. A unified diff says so itself: a `\ No newline at end of
 * file` marker on the new side removes it, one on the old side only adds it, and otherwise it stays as it was.
 */
function wantsFinalNewline(file: Lines, chunks: readonly UpdateChunk[]): boolean {
  if (!chunks.some((c) => c.lineHint !== undefined)) return true;
  if (chunks.some((c) => c.newMissingNewline)) return false;
  if (chunks.some((c) => c.oldMissingNewline)) return true;
  return endsWithNewline(file);
}

/** The new text as pieces: slices of the old text between replacements, and the replacements' lines. */
/**
 * The replacement without the context lines at its two ends: they stay as the file has them, so they are
 * copied with the untouched text around them (fewer, longer slices) and the region is only what changes.
 */
function withoutKeptEnds(r: Replacement): Replacement {
  const { keep, count, lines } = r;
  let head = 0;
  while (head < lines.length && head < count && keep[head] === head) head++;
  let tail = 0;
  while (tail < lines.length - head && tail < count - head && keep[lines.length - 1 - tail] === count - 1 - tail) tail++;
  if (head === 0 && tail === 0) return r;
  return {
    start: r.start + head,
    count: count - head - tail,
    lines: lines.slice(head, lines.length - tail),
    keep: keep.slice(head, keep.length - tail).map((k) => (k < 0 ? k : k - head)),
  };
}

class Pieces {
  readonly pieces: string[] = [];
  /** Lines written so far. */
  out = 0;
  /** Old lines consumed so far. */
  pos = 0;
  /** Where the old last line (when it has no ending) was copied: its piece and its new line number. */
  copiedLast: { piece: number; line: number } | null = null;

  constructor(private readonly file: Lines) {}

  copyTo(to: number): void {
    if (to <= this.pos) return;
    const { text, starts, count } = this.file;
    this.pieces.push(text.slice(starts[this.pos], starts[to]));
    this.out += to - this.pos;
    if (to === count && !endsWithNewline(this.file)) this.copiedLast = { piece: this.pieces.length - 1, line: this.out - 1 };
    this.pos = to;
  }
}

function build(file: Lines, replacements: Replacement[], finalNewline: boolean): AppliedChunks {
  const { text, starts } = file;
  const eol: Eol = file.eol;
  const n = file.count;
  const built = new Pieces(file);
  const pieces = built.pieces;
  const regions: Region[] = [];
  for (const chunk of replacements) {
    const r = withoutKeptEnds(chunk);
    built.copyTo(r.start);
    const newRaw = new Array<string>(r.lines.length);
    for (let i = 0; i < newRaw.length; i++) {
      // A context line is the file's own line, whatever pass matched it: its text and ending stay.
      const kept = r.keep[i] ?? -1;
      if (kept >= 0 && kept < r.count) {
        const raw = text.slice(starts[r.start + kept], starts[r.start + kept + 1]);
        newRaw[i] = raw.endsWith('\n') ? raw : raw + eol; // the old last line may have had no ending
      } else {
        newRaw[i] = r.lines[i] + eol;
      }
      pieces.push(newRaw[i]);
    }
    regions.push({ oldStart: r.start, oldEnd: r.start + r.count, newStart: built.out, newRaw });
    built.out += newRaw.length;
    built.pos = r.start + r.count;
  }
  built.copyTo(n);
  const out = built.out;

  const last = built.copiedLast;
  if (last && (last.line < out - 1 || finalNewline)) {
    // The old last line had no ending; it gets one because lines now follow it, or because Codex ends files with one.
    pieces[last.piece] += eol;
    addRegion(regions, { oldStart: n - 1, oldEnd: n, newStart: last.line, newRaw: [rawLine(file, n - 1) + eol] });
  } else if (!last && out > 0 && !finalNewline) {
    stripFinalEnding(file, pieces, regions, out);
  }
  return { text: pieces.join(''), regions };
}

/** A unified diff whose new side has no final newline: drop the ending of the last line written. */
function stripFinalEnding(file: Lines, pieces: string[], regions: Region[], out: number): void {
  const lastRegion = regions[regions.length - 1];
  const lastPiece = pieces.length - 1;
  const ending = endingOf(pieces[lastPiece]);
  if (ending === '') return;
  pieces[lastPiece] = pieces[lastPiece].slice(0, -ending.length);
  if (lastRegion && lastRegion.newStart + lastRegion.newRaw.length === out && lastRegion.newRaw.length > 0) {
    const raw = lastRegion.newRaw[lastRegion.newRaw.length - 1];
    lastRegion.newRaw[lastRegion.newRaw.length - 1] = raw.slice(0, raw.length - endingOf(raw).length);
    return;
  }
  const n = file.count;
  const raw = rawLine(file, n - 1);
  addRegion(regions, { oldStart: n - 1, oldEnd: n, newStart: out - 1, newRaw: [raw.slice(0, raw.length - endingOf(raw).length)] });
}

function addRegion(regions: Region[], region: Region): void {
  regions.push(region);
  regions.sort((a, b) => a.oldStart - b.oldStart || a.newStart - b.newStart);
}

function where(chunk: UpdateChunk, k: number, total: number, cursor: number): string {
  const scope = chunk.endOfFile ? 'only at the end of the file (*** End of File)' : `from line ${cursor + 1} on`;
  return `chunk ${k + 1} of ${total}, patch line ${chunk.patchLine}; looked for ${scope}, ${PASS_NAMES.join(', then ')}`;
}

function anchorNotFound(file: Lines, chunk: UpdateChunk, k: number, total: number, path: string, cursor: number): PatchError {
  const anchor = chunk.anchor as string;
  const closest = closestWindow(allLines(file), [anchor], cursor);
  let message = `Failed to find context '${anchor}' in ${path}\n\n(${where({ ...chunk, endOfFile: false }, k, total, cursor)})`;
  if (closest) message += `\nClosest line in the file:\n${numbered(closest.line, closest.lines)}`;
  return new PatchError('noMatch', message, { path, chunk: k + 1, patchLine: chunk.patchLine, expected: [anchor], closest });
}

function linesNotFound(file: Lines, chunk: UpdateChunk, k: number, total: number, path: string, cursor: number): PatchError {
  const closest = closestWindow(allLines(file), chunk.oldLines, cursor);
  let message = `Failed to find expected lines in ${path}:\n${chunk.oldLines.join('\n')}\n\n(${where(chunk, k, total, cursor)})`;
  if (closest) {
    const end = closest.line + closest.lines.length - 1;
    message += `\nClosest lines in the file, ${closest.line}-${end} (${closest.matching} of ${chunk.oldLines.length} match when whitespace and punctuation are ignored):\n`;
    message += numbered(closest.line, closest.lines);
  }
  return new PatchError('noMatch', message, { path, chunk: k + 1, patchLine: chunk.patchLine, expected: chunk.oldLines, closest });
}

const SHOWN_LINES = 40;

function numbered(first: number, lines: readonly string[]): string {
  const shown = lines.slice(0, SHOWN_LINES).map((l, i) => `${String(first + i).padStart(6)}| ${l}`);
  if (lines.length > SHOWN_LINES) shown.push(`      … ${lines.length - SHOWN_LINES} more lines`);
  return shown.join('\n');
}
