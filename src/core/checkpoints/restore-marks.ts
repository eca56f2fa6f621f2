// What a restore changes in the thread it belongs to: the checkpoints of the turn restored to and of every
// later turn are marked restored; applied patches whose files now hold again what they held before the
// patch stand undone; patches of those turns still waiting for review are withdrawn; the checkpoint of the
// files just before the restore is offered (restoring it undoes the restore); a notice says what was put
// back and what could not be; and the model is told, so it re-reads files instead of trusting its memory.
import type { ItemOf } from '../../protocol';
import type { ThreadSession } from '../engine/thread-session';
import type { PatchManager } from '../patches/patch-manager';
import type { Checkpoint } from '../ports/checkpoints';
import type { Clock, Hasher, IdSource } from '../ports/system';
import type { RestoreChange } from './restore-plan';

export interface MarkDeps {
  patches: PatchManager;
  clock: Clock;
  hasher: Hasher;
  ids: IdSource;
}

export interface RestoreOutcome {
  target: Checkpoint;
  before: Checkpoint | undefined;
  changes: RestoreChange[];
  notRestored: string[];
  /** After a restart, the restore was finished by the engine rather than by the user's request. */
  resumed: boolean;
}

export async function markRestore(deps: MarkDeps, session: ThreadSession, outcome: RestoreOutcome): Promise<void> {
  const { target, before, changes } = outcome;
  const now = deps.clock.now();
  const turns = session.state.turns;
  const lastTurn = turns[turns.length - 1];
  if (!lastTurn) return;
  const from = turns.findIndex((t) => t.id === target.turnId);
  const undone = new Set(target.kind === 'turn' && from >= 0 ? turns.slice(from).map((t) => t.id) : []);

  for (const item of session.state.items) {
    if (item.type !== 'checkpoint' || item.kind !== 'turn' || !undone.has(item.turnId) || item.status === 'failed') continue;
    const message = item.turnId === target.turnId ? 'Restored: the files are back as they were before this turn.' : "Undone by restoring to before an earlier turn.";
    await session.completed({ ...item, status: 'restored', restoredAt: now, message });
  }

  const restoredTo = new Map(changes.map((c) => [c.path, c.to?.sha256 ?? null]));
  for (const rec of session.state.patches.values()) {
    if (!deps.patches.has(rec.patchId)) continue;
    const patch = deps.patches.get(rec.patchId);
    if ((patch.status === 'applied' || patch.status === 'partiallyApplied') && patch.applied?.length) {
      // Undone when every file it wrote was put back to exactly what it held before the patch.
      const back = patch.applied.every((w) => restoredTo.has(w.path) && restoredTo.get(w.path) === (w.before === null ? null : deps.hasher.sha256Hex(w.bomBefore ? `\uFEFF${w.before}` : w.before)));
      if (back) await deps.patches.restoredAway(patch.id);
    } else if (patch.status === 'pending' && undone.has(patch.turnId)) {
      await deps.patches.refuse(patch.id, { kind: 'invalidRequest', message: 'Withdrawn: the workspace was restored to before this turn.' });
    }
  }

  if (before) {
    const item: ItemOf<'checkpoint'> = {
      id: `ckpt_${before.id}`,
      turnId: lastTurn.id,
      createdAt: before.createdAt,
      type: 'checkpoint',
      checkpointId: before.id,
      kind: 'beforeRestore',
      status: 'available',
      files: Object.keys(before.snapshot.files).length,
      message: 'The files as they were just before the restore: restore this to undo it.',
    };
    await session.completed(item);
  }

  const counts = { written: 0, created: 0, deleted: 0 };
  for (const c of changes) counts[c.to === null ? 'deleted' : c.from === null ? 'created' : 'written']++;
  const what = changes.length ? `${changes.length} file${changes.length === 1 ? '' : 's'} (${Object.entries(counts).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ')})` : 'nothing needed changing';
  const which = target.kind === 'turn' ? `before the turn “${target.label}”` : 'as they were before the previous restore';
  const message = `${outcome.resumed ? 'Finished after a restart: restored' : 'Restored'} the workspace's files ${which}: ${what}.${outcome.notRestored.length ? ` Not restored: ${outcome.notRestored.join(', ')}.` : ''} Changes outside the workspace files (network calls, other folders, git history) are not undone.`;
  await session.completed({ id: deps.ids.next('note'), turnId: lastTurn.id, createdAt: now, type: 'notice', kind: 'info', message });
  // The model's memory of the files is now wrong: it is told before its next request.
  const paths = changes.map((c) => c.path);
  await session.record({
    type: 'conversation',
    turnId: lastTurn.id,
    item: {
      type: 'user',
      text: `[Note from Crosswind: the user restored the workspace's files ${which}. ${paths.length ? `Changed back: ${paths.slice(0, 50).join(', ')}${paths.length > 50 ? ` and ${paths.length - 50} more` : ''}.` : 'No file needed changing.'} Edits made since then are undone; read files again before changing them.]`,
    },
  });
}
