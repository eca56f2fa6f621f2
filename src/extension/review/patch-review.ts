// The one place the editor changes a patch's state, used by the sidebar and the diff editor alike. The
// engine owns the state; when it is waiting on an approval request for the patch, finishing the review
// answers that request, otherwise the engine is asked directly (patch/apply, patch/reject).
import * as vscode from 'vscode';
import type { HunkDecisionInput, PatchView } from '../../protocol';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';
import type { ApprovalCenter } from './approval-center';

export class PatchReview extends Disposable {
  /** Latest known state of each patch, from engine notifications and request results. */
  private readonly patches = new Map<string, { threadId: string; view: PatchView }>();
  private readonly changedEmitter = this.register(new vscode.EventEmitter<{ threadId: string; patch: PatchView }>());
  readonly onDidChange = this.changedEmitter.event;

  constructor(
    private readonly engine: EngineConnection,
    private readonly approvals: ApprovalCenter,
  ) {
    super();
    this.register(
      engine.onNotification((n) => {
        if ((n.method === 'item/started' || n.method === 'item/updated' || n.method === 'item/completed') && n.params.item.type === 'fileChange') {
          this.remember(n.params.threadId, n.params.item.patch);
        }
        if (n.method === 'turn/completed') this.settleTurn(n.params.turn.id);
      }),
    );
  }

  get(patchId: string): { threadId: string; view: PatchView } | undefined {
    return this.patches.get(patchId);
  }

  /** Patches still waiting for a decision, newest last. */
  pending(): { threadId: string; view: PatchView }[] {
    return [...this.patches.values()].filter((p) => p.view.status === 'pending');
  }

  async decide(threadId: string, patchId: string, decisions: HunkDecisionInput[]): Promise<PatchView> {
    const { patch } = await this.engine.request('patch/decide', { threadId, patchId, decisions });
    return this.remember(threadId, patch);
  }

  async applyAll(threadId: string, patchId: string): Promise<PatchView> {
    const pending = this.approvals.forPatch(patchId);
    if (pending && this.approvals.settle(pending.requestId, 'accept')) return this.waitSettled(patchId);
    const { patch } = await this.engine.request('patch/apply', { threadId, patchId });
    return this.remember(threadId, patch);
  }

  async rejectAll(threadId: string, patchId: string, reason?: string): Promise<PatchView> {
    const pending = this.approvals.forPatch(patchId);
    if (pending && !reason && this.approvals.settle(pending.requestId, 'decline')) return this.waitSettled(patchId);
    const { patch } = await this.engine.request('patch/reject', { threadId, patchId, ...(reason ? { reason } : {}) });
    return this.remember(threadId, patch);
  }

  async undo(threadId: string, patchId: string): Promise<PatchView> {
    const { patch } = await this.engine.request('patch/revert', { threadId, patchId });
    return this.remember(threadId, patch);
  }

  /** Records a patch's state (from a loaded thread, a notification or a request result). */
  track(threadId: string, view: PatchView): PatchView {
    return this.remember(threadId, view);
  }

  private remember(threadId: string, view: PatchView): PatchView {
    this.patches.set(view.id, { threadId, view });
    this.changedEmitter.fire({ threadId, patch: view });
    // Finished through the views (hunk by hunk): the engine's approval question is answered too.
    if (view.status !== 'pending') {
      const pending = this.approvals.forPatch(view.id);
      if (pending) this.approvals.settle(pending.requestId, view.status === 'rejected' ? 'decline' : 'accept');
    }
    return view;
  }

  /** A turn ended: questions it left open can no longer be answered by the engine's loop. */
  private settleTurn(turnId: string): void {
    for (const a of this.approvals.all) if (a.params.turnId === turnId) this.approvals.settle(a.requestId, 'cancel');
  }

  /** After answering an approval, the engine applies; wait for the patch to leave `pending`. */
  private waitSettled(patchId: string): Promise<PatchView> {
    return new Promise((resolve) => {
      const current = this.patches.get(patchId)?.view;
      if (current && current.status !== 'pending') return resolve(current);
      const sub = this.onDidChange(({ patch }) => {
        if (patch.id === patchId && patch.status !== 'pending') {
          sub.dispose();
          resolve(patch);
        }
      });
    });
  }
}
