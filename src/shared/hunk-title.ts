// A hunk as a reviewer reads it, the same in the sidebar's card and the diff editor's CodeLens: what it is
// about ("In function mean(values)", "Adds function range(values)") or, when it is in nothing, where it is
// ("Line 24"). The raw `@@ -36,5 +36,5 @@` range stays in tooltips. Pure: no imports beyond types.
import type { PatchHunk } from '../protocol/patch';

/** 1-based line of the hunk's first added or removed line in the proposed text. */
export function hunkAnchorLine(hunk: Pick<PatchHunk, 'newStart' | 'lines'>): number {
  let line = hunk.newStart;
  for (const l of hunk.lines) {
    if (l.startsWith('+') || l.startsWith('-')) break;
    if (l.startsWith(' ')) line++;
  }
  return Math.max(1, line);
}

/**
 * "In function mean(values)"; `compact` (a narrow card) drops what a reader does not need to find it:
 * modifiers and the function keyword ("In mean(values)"), keeping the kind of anything else ("In class Parser").
 */
export function hunkTitle(hunk: Pick<PatchHunk, 'newStart' | 'lines' | 'scope'>, options: { compact?: boolean } = {}): string {
  if (!hunk.scope) return `Line ${hunkAnchorLine(hunk)}`;
  const name = options.compact ? compactName(hunk.scope.name) : hunk.scope.name;
  return hunk.scope.kind === 'within' ? `In ${name}` : `Adds ${name}`;
}

function compactName(name: string): string {
  const bare = name.replace(/^(?:(?:export|default|public|private|protected|internal|static|async|pub(?:\([^)]*\))?|override|virtual|final|abstract|open|suspend|inline|unsafe)\s+)+/, '');
  return bare.replace(/^(?:function\*?|def|defp|fn|func|fun|sub)\s+/, '') || name;
}

/** The unified-diff header, for tooltips: "@@ -36,5 +36,5 @@". */
export function hunkRange(hunk: Pick<PatchHunk, 'oldStart' | 'oldLines' | 'newStart' | 'newLines'>): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
}
