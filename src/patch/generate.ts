// Writing a Codex patch from old and new text: used to show a change in the format models know, and by
// the property tests (a patch generated from old→new must apply back to exactly new). Codex places a
// chunk at the first match after the previous one, so a chunk whose lines also occur earlier gets more
// leading context until it can only land where it belongs.
import { diffArrays } from 'diff';
import { allLines, splitLines, type Lines } from './lines';
import { LineMatcher } from './seek';

export interface TextChange {
  path: string;
  /** null: the file is added. */
  oldText: string | null;
  /** null: the file is deleted. */
  newText: string | null;
  movePath?: string;
}

const CONTEXT = 3;

/**
 * A Codex patch for the changes. Codex's format ends every added or updated file with a newline and adds
 * lines with the file's line ending, so a `newText` without a final newline cannot be expressed exactly.
 */
export function formatCodexPatch(changes: readonly TextChange[]): string {
  const out = ['*** Begin Patch'];
  for (const change of changes) out.push(...fileSection(change));
  out.push('*** End Patch');
  return out.join('\n') + '\n';
}

function fileSection(change: TextChange): string[] {
  if (change.newText === null) return [`*** Delete File: ${change.path}`];
  const newLines = allLines(splitLines(change.newText));
  if (change.oldText === null) return [`*** Add File: ${change.path}`, ...newLines.map((l) => '+' + l)];
  const header = [`*** Update File: ${change.path}`, ...(change.movePath ? [`*** Move to: ${change.movePath}`] : [])];
  const old = splitLines(change.oldText);
  const oldLines = allLines(old);
  const chunks = chunksFor(old, oldLines, newLines);
  if (chunks.length === 0) {
    if (change.oldText === change.newText && !change.movePath) return [];
    // Only line endings or the final newline differ: restate the last line so the update is not empty.
    const last = oldLines[oldLines.length - 1];
    return oldLines.length === 0 ? [...header, '@@', '+'] : [...header, '@@', '-' + last, '+' + last];
  }
  return [...header, ...chunks.flat()];
}

interface Edit {
  oldStart: number;
  oldEnd: number;
  added: string[];
}

function chunksFor(old: Lines, oldLines: string[], newLines: string[]): string[][] {
  const edits = editsOf(oldLines, newLines);
  const matcher = new LineMatcher(old);
  const chunks: string[][] = [];
  let cursor = 0;
  for (let i = 0; i < edits.length; ) {
    let j = i + 1;
    while (j < edits.length && edits[j].oldStart - edits[j - 1].oldEnd <= 2 * CONTEXT) j++;
    const group = edits.slice(i, j);
    const end = Math.min(oldLines.length, group[group.length - 1].oldEnd + CONTEXT);
    let start = Math.max(cursor, group[0].oldStart - CONTEXT);
    while (start > cursor && matcher.seek(oldLines.slice(start, end), cursor, false) !== start) start--;
    chunks.push(chunkLines(oldLines, group, start, end));
    cursor = end;
    i = j;
  }
  return chunks;
}

function editsOf(oldLines: string[], newLines: string[]): Edit[] {
  const edits: Edit[] = [];
  let o = 0;
  let pending: Edit | null = null;
  for (const change of diffArrays(oldLines, newLines)) {
    if (!change.added && !change.removed) {
      if (pending) edits.push(pending);
      pending = null;
      o += change.count;
      continue;
    }
    pending ??= { oldStart: o, oldEnd: o, added: [] };
    if (change.removed) {
      o += change.count;
      pending.oldEnd = o;
    } else {
      pending.added.push(...change.value);
    }
  }
  if (pending) edits.push(pending);
  return edits;
}

function chunkLines(oldLines: string[], group: Edit[], start: number, end: number): string[] {
  const lines = ['@@'];
  let at = start;
  for (const edit of group) {
    for (; at < edit.oldStart; at++) lines.push(' ' + oldLines[at]);
    for (; at < edit.oldEnd; at++) lines.push('-' + oldLines[at]);
    for (const added of edit.added) lines.push('+' + added);
  }
  for (; at < end; at++) lines.push(' ' + oldLines[at]);
  return lines;
}
