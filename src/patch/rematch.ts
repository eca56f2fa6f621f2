// A pending patch waits for review while the user keeps editing. Before it is applied it is planned again
// from the original patch against the files as they are now: if it still applies, the new plan replaces
// the old one, and each hunk that makes the same change as before keeps its index (so decisions already
// taken on it still hold); if it no longer applies, the patch is stale and is never forced over the edit.
import { PatchError } from './errors';
import type { PatchPlan, PatchReader, PlannedFile, PlannedHunk } from './types';
import { planPatch } from './plan';

export async function rematchPlan(plan: PatchPlan, read: PatchReader): Promise<PatchPlan> {
  let next: PatchPlan;
  try {
    next = await planPatch(plan.patch, read, plan.options);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    throw new PatchError('stale', `The patch no longer applies to the files as they are now. ${e.message}`, {
      path: e.path,
      chunk: e.chunk,
      patchLine: e.patchLine,
      expected: e.expected,
      closest: e.closest,
      cause: e,
    });
  }
  const before = new Map(plan.files.map((f) => [fileKey(f), f]));
  return { ...next, files: next.files.map((f) => carryHunkIndexes(f, before.get(fileKey(f)))) };
}

function fileKey(f: PlannedFile): string {
  return `${f.kind}\0${f.path}\0${f.movePath ?? ''}`;
}

/** The change a hunk makes, without its context or position. */
function changeOf(h: PlannedHunk): string {
  return h.lines.filter((l) => l.startsWith('-') || l.startsWith('+')).join('\n');
}

function carryHunkIndexes(file: PlannedFile, before: PlannedFile | undefined): PlannedFile {
  if (!before) return file;
  const byChange = new Map<string, number[]>();
  for (const h of before.hunks) {
    const list = byChange.get(changeOf(h));
    if (list) list.push(h.index);
    else byChange.set(changeOf(h), [h.index]);
  }
  let fresh = Math.max(-1, ...before.hunks.map((h) => h.index)) + 1;
  const hunks = file.hunks.map((h) => ({ ...h, index: byChange.get(changeOf(h))?.shift() ?? fresh++ }));
  return { ...file, hunks };
}
