// Checkpoints for the engine: one per turn, taken just before the turn's first change (a patch about to be
// written, a command about to run), and the restore that puts the files back. A restore writes through
// the Workspace port like a patch — all files or none, and in the editor never over unsaved changes —
// after a journal of what it will write is on disk: if the engine dies mid-restore, the next start
// finishes it (every file is then as the checkpoint has it) or, if files changed in between, says so.
// Before it writes, the files as they are are kept as one more checkpoint, so a restore can be undone.
import type { CheckpointRestoreResult, CheckpointSummary, EngineSettings } from '../../protocol';
import { redactSecrets } from '../../shared';
import type { AuditLog } from '../audit/types';
import { EngineError } from '../../shared/engine-error';
import type { ThreadSession } from '../engine/thread-session';
import type { PatchManager } from '../patches/patch-manager';
import type { Checkpoint, CheckpointStore, FileState, RestoreJournal, ScanRules } from '../ports/checkpoints';
import type { Clock, Hasher, IdSource, Logger } from '../ports/system';
import type { FileWrite, Workspace } from '../ports/workspace';
import { markRestore } from './restore-marks';
import { describeNotCovered, planRestore, type RestoreChange } from './restore-plan';

export interface CheckpointDeps {
  store: CheckpointStore | undefined;
  workspace: Workspace;
  audit: AuditLog;
  clock: Clock;
  ids: IdSource;
  hasher: Hasher;
  logger: Logger;
  patches: PatchManager;
  settings(): EngineSettings;
  /** A thread, loaded (undefined when it no longer exists). */
  session(threadId: string): Promise<ThreadSession | undefined>;
  /** Why nothing may be restored right now (a turn is running), or undefined. */
  busy(): string | undefined;
}

const NOT_AVAILABLE = 'Checkpoints are not available in this engine (it has no state folder to keep them in).';

export class Checkpoints {
  private readonly capturing = new Map<string, Promise<void>>();
  private recovering: Promise<void> | undefined;

  constructor(private readonly deps: CheckpointDeps) {}

  /**
   * Called before anything a turn does changes the files: takes the turn's checkpoint, once. The turn is the
   * running one, else the thread's last (a patch of a finished turn applied from the sidebar). A checkpoint
   * that cannot be taken is said in the thread; the change still goes ahead.
   */
  async beforeChange(session: ThreadSession): Promise<void> {
    const store = this.deps.store;
    const turn = session.running?.turn ?? session.state.turns[session.state.turns.length - 1];
    if (!store || !turn) return;
    const itemId = `ckpt_${turn.id}`;
    if (session.state.item(itemId)) return;
    const key = `${session.id}:${turn.id}`;
    let capture = this.capturing.get(key);
    if (!capture) {
      capture = this.capture(store, session, turn.id, itemId).finally(() => this.capturing.delete(key));
      this.capturing.set(key, capture);
    }
    await capture;
  }

  private async capture(store: CheckpointStore, session: ThreadSession, turnId: string, itemId: string): Promise<void> {
    const createdAt = this.deps.clock.now();
    const base = { id: itemId, turnId, createdAt, type: 'checkpoint' as const, kind: 'turn' as const };
    try {
      const c = await store.capture({ id: this.deps.ids.next('ckpt'), threadId: session.id, turnId, kind: 'turn', createdAt, label: labelOf(session, turnId) }, this.rules());
      const notCovered = describeNotCovered(c.snapshot, 3);
      await session.completed({ ...base, checkpointId: c.id, status: 'available', files: Object.keys(c.snapshot.files).length, ...(notCovered.length ? { message: `Not covered: ${notCovered.join('; ')}.` } : {}) });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.deps.logger.log('warn', `No checkpoint for turn ${turnId}: ${why}`);
      await session.completed({ ...base, status: 'failed', files: 0, message: `No checkpoint could be taken (${why}), so this turn's changes cannot be restored.` });
    }
  }

  /** Every checkpoint of this workspace, newest first, each with the files a restore would change now. */
  async list(): Promise<CheckpointSummary[]> {
    const store = this.requireStore();
    await this.ready();
    const metas = await store.list();
    if (!metas.length) return [];
    const now = await store.scan(this.rules());
    const out: CheckpointSummary[] = [];
    for (const meta of metas) {
      const c = await store.get(meta.id);
      if (!c) continue;
      const plan = await planRestore(c.snapshot, now, (p) => store.stat(p));
      out.push(summary(c, plan.changes.map((ch) => ch.path)));
    }
    return out;
  }

  /** Puts the workspace's files back as the checkpoint has them (see the file comment). */
  async restore(checkpointId: string): Promise<CheckpointRestoreResult> {
    const store = this.requireStore();
    await this.ready();
    const busy = this.deps.busy();
    if (busy) throw new EngineError({ kind: 'invalidRequest', message: `Nothing was restored: ${busy}` });
    const target = await store.get(checkpointId);
    if (!target) throw new EngineError({ kind: 'invalidRequest', message: `No checkpoint '${checkpointId}' in this workspace.`, fix: 'List them with `crosswind checkpoint list`.' });
    const session = await this.deps.session(target.threadId);
    const turns = session?.state.turns ?? [];
    const before = await store.capture(
      { id: this.deps.ids.next('ckpt'), threadId: target.threadId, turnId: turns[turns.length - 1]?.id ?? target.turnId, kind: 'beforeRestore', createdAt: this.deps.clock.now(), label: `Before restoring: ${target.label}` },
      this.rules(),
    );
    const plan = await planRestore(target.snapshot, before.snapshot, (p) => store.stat(p));
    const journal: RestoreJournal = { checkpointId, threadId: target.threadId, turnId: target.turnId, beforeRestoreId: before.id, startedAt: this.deps.clock.now(), changes: plan.changes };
    if (plan.changes.length) {
      const writes = await this.writesFor(store, plan.changes);
      await store.writeJournal(journal);
      const outcome = await this.deps.workspace.write(writes);
      if (!outcome.ok) {
        await store.clearJournal();
        await this.audit(journal, 'refused', outcome.reason);
        throw new EngineError({
          kind: 'invalidRequest',
          message: `Nothing was restored: ${outcome.reason}.`,
          ...(outcome.conflicts.length ? { fix: `Save or revert ${outcome.conflicts.join(', ')} in the editor, then restore again.` } : {}),
        });
      }
    }
    await this.finish(journal, target, before, plan.notRestored, false);
    return {
      checkpoint: summary(target, []),
      changed: plan.changes.map((c) => ({ path: c.path, action: c.to === null ? 'deleted' : c.from === null ? 'created' : 'written' })),
      beforeRestoreId: before.id,
      notRestored: plan.notRestored,
    };
  }

  /** Finishes a restore the engine was writing when it stopped (once per engine; every entry point waits for it). */
  ready(): Promise<void> {
    this.recovering ??= this.recover().catch((e: unknown) => this.deps.logger.log('error', `Could not finish an interrupted restore: ${e instanceof Error ? e.message : String(e)}`));
    return this.recovering;
  }

  private async recover(): Promise<void> {
    const store = this.deps.store;
    const journal = await store?.readJournal();
    if (!store || !journal) return;
    // The killed write's temporary copies (and files it had moved aside to delete) go first.
    await store.removeLeftovers(journal.changes.map((c) => c.path));
    const todo: RestoreChange[] = [];
    const changed: string[] = [];
    for (const c of journal.changes) {
      const now = await store.stat(c.path).catch(() => 'notFile' as const);
      if (sameContent(now, c.to)) continue;
      if (sameContent(now, c.from)) todo.push(c);
      else changed.push(c.path);
    }
    let problem = changed.length ? `${changed.join(', ')} changed while the engine was stopped` : undefined;
    if (!problem && todo.length) {
      const outcome = await this.deps.workspace.write(await this.writesFor(store, todo));
      if (!outcome.ok) problem = outcome.reason;
    }
    const target = await store.get(journal.checkpointId);
    if (problem || !target) {
      const reason = `The engine stopped while restoring checkpoint ${journal.checkpointId}, and the restore could not be finished: ${problem ?? 'the checkpoint is gone'}. Restore it again (or restore ${journal.beforeRestoreId} to go back).`;
      this.deps.logger.log('error', reason);
      await store.clearJournal();
      await this.audit(journal, 'interrupted', reason);
      return;
    }
    this.deps.logger.log('info', `Finished restoring checkpoint ${journal.checkpointId}, interrupted when the engine stopped.`);
    await this.finish(journal, target, await store.get(journal.beforeRestoreId), [], true);
  }

  /** Audit, thread marks, then the journal goes: until then a restart finishes the job again. */
  private async finish(journal: RestoreJournal, target: Checkpoint, before: Checkpoint | undefined, notRestored: string[], resumed: boolean): Promise<void> {
    await this.audit(journal, resumed ? 'completedAfterRestart' : 'restored');
    const session = await this.deps.session(journal.threadId).catch(() => undefined);
    if (session) await markRestore(this.deps, session, { target, before, changes: journal.changes, notRestored, resumed });
    await this.deps.store?.clearJournal();
  }

  private async audit(journal: RestoreJournal, outcome: 'restored' | 'refused' | 'completedAfterRestart' | 'interrupted', reason?: string): Promise<void> {
    await this.deps.audit.record({
      type: 'checkpointRestore',
      threadId: journal.threadId,
      turnId: journal.turnId,
      checkpointId: journal.checkpointId,
      beforeRestoreId: journal.beforeRestoreId,
      outcome,
      files: journal.changes.map((c) => ({ path: c.path, sha256Before: c.from?.sha256 ?? null, sha256After: c.to?.sha256 ?? null })),
      ...(reason ? { reason } : {}),
    });
  }

  /** Each change as a write that only lands on the file as the plan saw it (by hash). */
  private async writesFor(store: CheckpointStore, changes: RestoreChange[]): Promise<FileWrite[]> {
    const writes: FileWrite[] = [];
    for (const c of changes) {
      if (c.to === null) writes.push({ op: 'delete', path: c.path, expectedSha256: c.from!.sha256 });
      else writes.push({ op: 'writeBytes', path: c.path, bytes: await store.read(c.to.sha256), mode: c.to.mode, expectedSha256: c.from?.sha256 ?? null });
    }
    return writes;
  }

  private rules(): ScanRules {
    return { protectedGlobs: this.deps.settings().protectedPaths };
  }

  private requireStore(): CheckpointStore {
    if (!this.deps.store) throw new EngineError({ kind: 'configuration', message: NOT_AVAILABLE });
    return this.deps.store;
  }
}

function sameContent(now: FileState | null | 'notFile', want: FileState | null): boolean {
  if (now === 'notFile') return false;
  if (now === null || want === null) return now === want;
  return now.sha256 === want.sha256;
}

function summary(c: Checkpoint, files: string[]): CheckpointSummary {
  return {
    id: c.id,
    threadId: c.threadId,
    turnId: c.turnId,
    kind: c.kind,
    createdAt: c.createdAt,
    label: c.label,
    fileCount: Object.keys(c.snapshot.files).length,
    files,
    notCovered: describeNotCovered(c.snapshot),
    partial: c.snapshot.partial,
  };
}

/** The turn's request, first line, redacted before it is cut. */
function labelOf(session: ThreadSession, turnId: string): string {
  const item = session.state.item(`user_${turnId}`);
  const line = redactSecrets(item?.type === 'userMessage' ? (item.text.trim().split('\n')[0] ?? '') : '');
  return line.length > 80 ? `${line.slice(0, 77)}…` : line || '(no message)';
}
