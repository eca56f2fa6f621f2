// What happens to a patch reaches its thread and the audit log: its input when proposed (so it survives
// a restart), what it is about to write and what it wrote (so a crash in between is detected, and it can
// be reverted), the user's edits of its proposal, its state for the views, and one audit record per file
// it changed or the user edited.
import type { PatchView } from '../../protocol';
import type { AuditLog } from '../audit/types';
import type { PatchEvents, PendingPatch } from '../patches/patch-manager';
import type { UserEdit } from '../patches/user-edits';
import type { Hasher } from '../ports/system';
import type { AppliedWrite } from '../threads/records';
import type { ThreadSession } from './thread-session';

export class PatchRecorder implements PatchEvents {
  constructor(
    private readonly sessions: ReadonlyMap<string, ThreadSession>,
    private readonly audit: AuditLog,
    private readonly hasher: Hasher,
  ) {}

  async proposed(p: PendingPatch): Promise<void> {
    await this.sessions.get(p.threadId)?.record({ type: 'patch', patchId: p.id, itemId: p.itemId, turnId: p.turnId, input: p.input });
  }

  async changed(p: PendingPatch, view: PatchView): Promise<void> {
    const session = this.sessions.get(p.threadId);
    const item = session?.current(p.itemId, 'fileChange');
    if (!session || !item) return;
    const next = { ...item, patch: view };
    if (view.status === 'pending') await session.updated(next);
    else await session.completed(next);
  }

  async applying(p: PendingPatch, writes: AppliedWrite[], view: PatchView): Promise<void> {
    await this.sessions.get(p.threadId)?.record({ type: 'patchApplying', patchId: p.id, writes, view });
  }

  async reverting(p: PendingPatch, writes: AppliedWrite[]): Promise<void> {
    await this.sessions.get(p.threadId)?.record({ type: 'patchReverting', patchId: p.id, writes });
  }

  async applied(p: PendingPatch, writes: AppliedWrite[], action: 'apply' | 'revert'): Promise<void> {
    const session = this.sessions.get(p.threadId);
    if (!session) return;
    await session.record({ type: 'patchApplied', patchId: p.id, writes: action === 'apply' ? writes : [] });
    const patchSha256 = this.hasher.sha256Hex(p.input);
    for (const w of writes) {
      await this.audit.record({
        type: 'fileChange',
        threadId: p.threadId,
        turnId: p.turnId,
        patchId: p.id,
        path: w.path,
        sha256Before: this.digest(w.before, w.bomBefore),
        sha256After: this.digest(w.after, w.bomAfter),
        patchSha256,
        action,
        ...(session.identity ? { identity: session.identity } : {}),
      });
    }
  }

  async edited(p: PendingPatch, path: string, edit: UserEdit | undefined): Promise<void> {
    const session = this.sessions.get(p.threadId);
    if (!session) return;
    await session.record({ type: 'patchEdited', patchId: p.id, path, edit: edit ?? null });
    const file = p.plan.files.find((f) => f.path === path);
    await this.audit.record({
      type: 'patchEdit',
      threadId: p.threadId,
      turnId: p.turnId,
      patchId: p.id,
      path,
      sha256Proposed: this.digest(edit?.proposed ?? file?.newText ?? null, false),
      sha256Edited: edit ? this.digest(edit.text, false) : null,
      patchSha256: this.hasher.sha256Hex(p.input),
      ...(session.identity ? { identity: session.identity } : {}),
    });
  }

  /** SHA-256 of a file's bytes as written (UTF-8, with its BOM when it has one); null when absent. */
  private digest(text: string | null, bom: boolean): string | null {
    return text === null ? null : this.hasher.sha256Hex(bom ? `\uFEFF${text}` : text);
  }
}
