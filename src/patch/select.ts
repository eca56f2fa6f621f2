// Partial application: the text a file would have with only some of its hunks applied. Hunks come from
// one old→new diff, so each covers its own old lines and they can be taken or left independently: a
// taken hunk contributes its new lines, a left one its old lines, and the stretches between hunks are the
// same on both sides.
import { rawSlice, splitLines } from './lines';
import type { PlannedFile } from './types';

/**
 * The file's text with only the hunks whose index is in `accepted` applied; null when the file would not
 * exist. An added or deleted file is one unit: it is added (deleted) when any of its hunks is accepted,
 * or, having no hunk (an empty file), when `accepted` is not empty.
 */
export function selectHunks(file: PlannedFile, accepted: Iterable<number>): string | null {
  const chosen = new Set(accepted);
  if (file.kind !== 'update' || file.oldText === null) {
    const taken = file.hunks.length === 0 ? chosen.size > 0 : file.hunks.some((h) => chosen.has(h.index));
    return taken ? file.newText : file.oldText;
  }
  if (file.hunks.every((h) => chosen.has(h.index))) return file.newText;
  const old = splitLines(file.oldText);
  const next = splitLines(file.newText ?? '');
  const pieces: string[] = [];
  let pos = 0;
  for (const hunk of [...file.hunks].sort((a, b) => a.oldStart - b.oldStart)) {
    const start = hunk.oldStart - 1;
    pieces.push(rawSlice(old, pos, start));
    if (chosen.has(hunk.index)) pieces.push(rawSlice(next, hunk.newStart - 1, hunk.newStart - 1 + hunk.newLines));
    else pieces.push(rawSlice(old, start, start + hunk.oldLines));
    pos = start + hunk.oldLines;
  }
  pieces.push(rawSlice(old, pos, old.count));
  return pieces.join('');
}
