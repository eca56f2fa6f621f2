// The one place the editor changes a patch's state, used by the sidebar and the diff editor alike: each
// decision is one patch/* request to the engine, which owns the state (the apply_patch tool waits on the
// patch there, not on the editor). This class keeps the latest state of each patch for the views, and
// which patches a turn is waiting on.
import * as vscode from 'vscode';
import type { HunkDecisionInput, ItemOf, PatchView } from '../../protocol';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';

/** Hands the engine what the user typed in a patch's proposed sides but did not save (the diff editor's job). */
export type UnsavedProposalFlusher = (patchId: string) => Promise<void>;

export interface KnownPatch {
  threadId: string;
  view: PatchView;
  /** The turn that proposed it, once an item event said so. */
  turnId?: string;
  /** Why the approval policy left it to the user (the turn waits for the review while it is pending). */
  reviewReason?: string;
}

export class PatchReview extends Disposable {
  /** Latest known state of each patch, from engine notifications and request results. */
  private readonly patches = new Map<string, KnownPatch>();
  private readonly changedEmitter = this.register(new vscode.EventEmitter<{ threadId: string; patch: PatchView }>());
  readonly onDidChange = this.changedEmitter.event;

  /** Set by the diff editor: a decision taken now applies what the user sees, saved or not. */
  private flushUnsavedProposals: UnsavedProposalFlusher = async () => undefined;

  constructor(private readonly engine: EngineConnection) {
    super();
    this.register(
      engine.onNotification((n) => {
        if ((n.method === 'item/started' || n.method === 'item/updated' || n.method === 'item/completed') && n.params.item.type === 'fileChange') {
          this.trackItem(n.params.threadId, n.params.item);
        }
      }),
    );
  }

  setUnsavedProposalFlusher(flush: UnsavedProposalFlusher): vscode.Disposable {
    this.flushUnsavedProposals = flush;
    return new vscode.Disposable(() => {
      if (this.flushUnsavedProposals === flush) this.flushUnsavedProposals = async () => undefined;
    });
  }

  get(patchId: string): KnownPatch | undefined {
    return this.patches.get(patchId);
  }

  /** Patches still waiting for a decision, newest last. */
  pending(): KnownPatch[] {
    return [...this.patches.values()].filter((p) => p.view.status === 'pending');
  }

  async decide(threadId: string, patchId: string, decisions: HunkDecisionInput[]): Promise<PatchView> {
    await this.flushUnsavedProposals(patchId);
    const { patch } = await this.engine.request('patch/decide', { threadId, patchId, decisions });
    return this.remember(threadId, patch);
  }

  async applyAll(threadId: string, patchId: string): Promise<PatchView> {
    await this.flushUnsavedProposals(patchId);
    const { patch } = await this.engine.request('patch/apply', { threadId, patchId });
    return this.remember(threadId, patch);
  }

  async rejectAll(threadId: string, patchId: string, reason?: string): Promise<PatchView> {
    // Flushed too (the edit is recorded, and rejected with the rest): closing the decided patch's tabs then asks nothing.
    await this.flushUnsavedProposals(patchId);
    const { patch } = await this.engine.request('patch/reject', { threadId, patchId, ...(reason ? { reason } : {}) });
    return this.remember(threadId, patch);
  }

  /** The user's text for one file's proposal (saving the diff's proposed side). */
  async edit(threadId: string, patchId: string, path: string, content: string): Promise<PatchView> {
    const { patch } = await this.engine.request('patch/edit', { threadId, patchId, path, content });
    return this.remember(threadId, patch);
  }

  async revert(threadId: string, patchId: string): Promise<PatchView> {
    const { patch } = await this.engine.request('patch/revert', { threadId, patchId });
    return this.remember(threadId, patch);
  }

  /** Records a patch's item (from a loaded thread or a notification). */
  trackItem(threadId: string, item: ItemOf<'fileChange'>): PatchView {
    return this.remember(threadId, item.patch, { turnId: item.turnId, ...(item.reviewReason ? { reviewReason: item.reviewReason } : {}) });
  }

  private remember(threadId: string, view: PatchView, item?: { turnId: string; reviewReason?: string }): PatchView {
    const known = this.patches.get(view.id);
    this.patches.set(view.id, { ...known, ...item, threadId, view });
    this.changedEmitter.fire({ threadId, patch: view });
    return view;
  }
}
