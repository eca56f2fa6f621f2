// The +/− counts a patch card shows: what the patch proposes while it waits, what actually landed once it
// is applied (only the accepted hunks, for a partly applied one), and what was taken back by a revert.
// The engine reports the whole proposal's counts per file; the rest is counted from the hunks' lines.
import type { PatchFile, PatchHunk, PatchView } from '../../src/protocol/patch';

/**
 * proposed: waiting for review. applied: in the files now. reverted: was applied, then taken back.
 * notApplied: rejected, stale or failed — nothing of it is in the files.
 */
export type StatKind = 'proposed' | 'applied' | 'reverted' | 'notApplied';

export interface DiffStat {
  additions: number;
  deletions: number;
  kind: StatKind;
}

export function statKind(patch: PatchView): StatKind {
  switch (patch.status) {
    case 'pending':
      return 'proposed';
    case 'applied':
    case 'partiallyApplied':
      return 'applied';
    case 'reverted':
      return 'reverted';
    default:
      return 'notApplied';
  }
}

export function hunkCounts(hunk: PatchHunk): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const line of hunk.lines) {
    if (line.startsWith('+')) additions++;
    else if (line.startsWith('-')) deletions++;
  }
  return { additions, deletions };
}

/** One file's counts as the card shows them for the patch's status. */
export function fileStat(patch: PatchView, file: PatchFile): DiffStat {
  const kind = statKind(patch);
  // A file with no hunk (a rename, an empty or binary file) is decided whole; its counts stand as they are.
  if ((kind === 'applied' || kind === 'reverted') && file.hunks.length > 0) {
    // A file whose every hunk was rejected: nothing of it landed (or was reverted).
    if (!file.hunks.some((h) => h.decision === 'accepted')) return { additions: file.additions, deletions: file.deletions, kind: 'notApplied' };
    let additions = 0;
    let deletions = 0;
    for (const hunk of file.hunks) {
      if (hunk.decision !== 'accepted') continue;
      const c = hunkCounts(hunk);
      additions += c.additions;
      deletions += c.deletions;
    }
    return { additions, deletions, kind };
  }
  return { additions: file.additions, deletions: file.deletions, kind };
}

/** The whole patch's counts as the card shows them. */
export function patchStat(patch: PatchView): DiffStat {
  const kind = statKind(patch);
  let additions = 0;
  let deletions = 0;
  for (const file of patch.files) {
    const s = fileStat(patch, file);
    if (s.kind !== kind) continue;
    additions += s.additions;
    deletions += s.deletions;
  }
  return { additions, deletions, kind };
}

/** The proposal's counts, whatever was decided. */
export function proposedStat(patch: PatchView): { additions: number; deletions: number } {
  return {
    additions: patch.files.reduce((n, f) => n + f.additions, 0),
    deletions: patch.files.reduce((n, f) => n + f.deletions, 0),
  };
}

/** For a tooltip and screen readers: "applied: 1 line added, 0 removed (of 7 added, 1 removed proposed)". */
export function describeStat(stat: DiffStat, proposed?: { additions: number; deletions: number }): string {
  const lines = (n: number) => `${n} ${n === 1 ? 'line' : 'lines'}`;
  const counts = `${lines(stat.additions)} added, ${stat.deletions} removed`;
  const of = proposed && (proposed.additions !== stat.additions || proposed.deletions !== stat.deletions) ? ` (of ${proposed.additions} added, ${proposed.deletions} removed proposed)` : '';
  switch (stat.kind) {
    case 'proposed':
      return `Proposed: ${counts}`;
    case 'applied':
      return `Applied: ${counts}${of}`;
    case 'reverted':
      return `Reverted: ${counts} were applied and taken back; none of it is in the files now`;
    case 'notApplied':
      return `Not applied: ${counts} proposed; none of it is in the files`;
  }
}
