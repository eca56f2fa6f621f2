// A patch brought back after a restart: what state it is really in. The thread records what the engine
// was about to write (`applying`, `reverting`) before it writes, and what it wrote after; if it stopped in
// between, the files themselves say whether the writes landed. Threads are redacted on disk, so a patch
// whose recorded text lost a secret-shaped value is never replayed from that copy.
import { type ErrorInfo, type PatchStatus, type PatchView } from '../../protocol';
import { REDACTED } from '../../shared';
import { decodeFileBytes } from '../../patch';
import type { Workspace } from '../ports/workspace';
import type { AppliedWrite } from '../threads/records';
import type { PatchRecord } from '../threads/thread-state';

export interface RestoredPatch {
  /** The view to restore decisions from (the one an interrupted apply recorded, when it landed). */
  view: PatchView;
  status: PatchStatus;
  error?: ErrorInfo;
  /** What the patch wrote, when it stands applied (so it can be undone). */
  applied?: AppliedWrite[];
  /** Why Undo must be refused although it stands applied. */
  undoRefused?: string;
}

export async function judgeRestored(workspace: Workspace, input: string, view: PatchView, recorded: Pick<PatchRecord, 'applied' | 'applying' | 'reverting'>): Promise<RestoredPatch> {
  const { applying, reverting } = recorded;
  let applied = recorded.applied;
  let { status, error } = view;
  // Still pending, but the writes were recorded (the engine stopped before the patch's status was), or
  // were about to be: the files say whether they landed.
  const interrupted = status !== 'pending' ? 'none' : applied ? 'all' : applying ? await landed(workspace, applying.writes) : 'none';
  if (interrupted === 'all') {
    view = applying?.view ?? { ...view, status: 'applied' };
    ({ status, error } = view);
    applied ??= applying!.writes;
  } else if (interrupted === 'partly') {
    status = 'stale';
    error = { kind: 'invalidRequest', message: 'The engine stopped while this patch was being written and only some of its files were changed; it was not applied again. Check those files.' };
  }
  // The placeholder would be written over the user's real value.
  const redacted = input.includes(REDACTED) || (applied ?? applying?.writes ?? []).some((w) => w.before?.includes(REDACTED) || w.after?.includes(REDACTED));
  if (redacted && status === 'pending') {
    status = 'stale';
    error = { kind: 'invalidRequest', message: 'This patch held a value that looked like a secret, which Crosswind never stores on disk, so it cannot be applied after a restart. Ask for the change again.' };
  }
  // An Undo that landed is done. One that did not (or was refused: the files had changed) leaves the patch
  // applied, and a new Undo checks the files again before it writes anything.
  const wasApplied = status === 'applied' || status === 'partiallyApplied';
  if (wasApplied && applied && reverting && (await landed(workspace, reverting)) === 'all') return { view, status: 'reverted', ...(error ? { error } : {}) };
  const undoRefused =
    redacted && applied ? 'Cannot undo after a restart: the files held a value that looked like a secret, which Crosswind never stores on disk, so their earlier text is not known exactly.' : undefined;
  return { view, status, ...(error ? { error } : {}), ...(applied ? { applied } : {}), ...(undoRefused ? { undoRefused } : {}) };
}

/** Whether the files hold what an interrupted write was writing: all of it, none of it (as before), or partly. */
async function landed(workspace: Workspace, writes: AppliedWrite[]): Promise<'all' | 'none' | 'partly'> {
  let after = 0;
  let before = 0;
  for (const w of writes) {
    const now = await textNow(workspace, w.path);
    if (now === w.after) after++;
    else if (now === w.before) before++;
  }
  return after === writes.length ? 'all' : before === writes.length ? 'none' : 'partly';
}

/** A file's text now (null: absent; undefined: unreadable or not text). */
async function textNow(workspace: Workspace, path: string): Promise<string | null | undefined> {
  const f = await workspace.read(path).catch(() => undefined);
  if (f?.kind === 'missing') return null;
  if (f?.kind === 'text') return f.text.replace(/^\uFEFF/, '');
  if (f?.kind !== 'bytes') return undefined;
  const d = decodeFileBytes(f.bytes);
  return d.ok ? d.text : undefined;
}
