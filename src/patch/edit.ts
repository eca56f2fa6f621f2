// A person's edit of a proposal: the proposed text of one file replaced by what they wrote, its hunks
// computed again against the text the patch was matched to (so the views show, and a partial accept
// applies, the edited change), and the difference from the model's proposal as a unified diff the model
// can read.
import { FILE_HEADERS_ONLY, formatPatch } from 'diff';
import { hunksFromRegions, wholeFileRegion } from './hunks';
import { splitLines } from './lines';
import type { PlannedFile } from './types';

/** The planned file with `newText` as its proposed text; hunks renumbered from 0. */
export function withProposedText(file: PlannedFile, newText: string): PlannedFile {
  const old = splitLines(file.oldText ?? '');
  const set = hunksFromRegions(old, [wholeFileRegion(old, splitLines(newText))]);
  return { ...file, newText, hunks: set.hunks, additions: set.additions, deletions: set.deletions };
}

/** A unified diff from `before` to `after` (labelled a/ and b/ `path`), empty when they are the same. */
export function textDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const old = splitLines(before);
  const { hunks } = hunksFromRegions(old, [wholeFileRegion(old, splitLines(after))]);
  return formatPatch({ oldFileName: `a/${path}`, newFileName: `b/${path}`, oldHeader: undefined, newHeader: undefined, hunks }, FILE_HEADERS_ONLY);
}
