// What people and models read: a planned file as a unified diff, and Codex's success summary.
import { FILE_HEADERS_ONLY, formatPatch } from 'diff';
import type { PatchPlan, PlannedFile } from './types';

export function unifiedDiff(file: PlannedFile): string {
  return formatPatch(
    {
      oldFileName: file.kind === 'add' ? '/dev/null' : `a/${file.path}`,
      newFileName: file.kind === 'delete' ? '/dev/null' : `b/${file.movePath ?? file.path}`,
      oldHeader: undefined,
      newHeader: undefined,
      hunks: file.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines })),
    },
    FILE_HEADERS_ONLY,
  );
}

export const SUMMARY_HEADER = 'Success. Updated the following files:';

/** Codex's summary, line by line: the header, then A (adds), M (updates; a move shows its destination), D (deletes). */
export function summarize(plan: PatchPlan): string[] {
  return [SUMMARY_HEADER, ...plan.summary.map((e) => `${e.op} ${e.path}`)];
}
