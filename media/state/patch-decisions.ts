// Optimistic hunk decisions: a click shows its decision at once; the engine's next fileChange item
// (item/updated) is the truth and replaces it. Only a pending patch can take decisions.
import type { HunkDecision, PatchView } from '../../src/protocol/patch';
import type { Thread } from '../../src/protocol/items';

export interface DecisionTarget {
  patchId: string;
  /** Omitted: every file. */
  path?: string;
  /** Omitted: every hunk of the file(s). */
  hunk?: number;
  decision: 'accepted' | 'rejected';
  /** Accept all / Reject all leave hunks the user already decided alone (as the engine does). */
  onlyPending?: boolean;
}

export function decidePatch(patch: PatchView, target: DecisionTarget): PatchView {
  if (patch.status !== 'pending' || patch.id !== target.patchId) return patch;
  const decide = (current: HunkDecision): HunkDecision => (target.onlyPending && current !== 'pending' ? current : target.decision);
  return {
    ...patch,
    files: patch.files.map((file) =>
      target.path !== undefined && file.path !== target.path
        ? file
        : {
            ...file,
            hunks: file.hunks.map((h) => (target.hunk !== undefined && h.index !== target.hunk ? h : { ...h, decision: decide(h.decision) })),
          },
    ),
  };
}

export function decideInThread(thread: Thread, target: DecisionTarget): Thread {
  let changed = false;
  const items = thread.items.map((item) => {
    if (item.type !== 'fileChange' || item.patch.id !== target.patchId) return item;
    const patch = decidePatch(item.patch, target);
    if (patch === item.patch) return item;
    changed = true;
    return { ...item, patch };
  });
  return changed ? { ...thread, items } : thread;
}

/** Hunk counts by decision, for the card's summary line. */
export function decisionCounts(patch: PatchView): Record<HunkDecision, number> {
  const counts: Record<HunkDecision, number> = { pending: 0, accepted: 0, rejected: 0 };
  for (const file of patch.files) for (const h of file.hunks) counts[h.decision]++;
  return counts;
}
