// The diff editor as a view of a pending patch: one file at a time, the real file on the left and the
// proposed text on the right (editable: saving it makes the user's text the proposal, patch/edit), Accept / Reject per hunk (CodeLens) and per file or patch
// (editor title). Decisions go through PatchReview, like the sidebar's; this class only reacts to the
// state the engine reports: when a file is fully decided it moves on to the next file still to review,
// and when the patch is finalised it closes the patch's diff tabs and says what happened.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineRequestResult, PatchFile, PatchView } from '../../protocol';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';
import { uriOfWorkspacePath } from '../engine/workspace-folders';
import { ProposalFileSystem, registerProposalFileSystem } from './proposal-file-system';
import { anchorLine, HUNK_LENS_SELECTOR, HunkCodeLensProvider } from './diff-codelens';
import type { PatchReview } from './patch-review';
import { parsePatchUri, patchUri, type PatchFileRef } from './patch-uri';

/** Context keys for the editor-title actions (package.json `menus.editor/title`). */
const PENDING_KEY = 'crosswind.diff.pending';
const MULTI_FILE_KEY = 'crosswind.diff.multiFile';

export class DiffReview extends Disposable {
  private readonly content: ProposalFileSystem;
  /** Undecided hunks per file of each pending patch, as last reported: a file reaching 0 moves the review on. */
  private readonly undecided = new Map<string, Map<string, number>>();
  /** The status-bar line that says how a review ended, by patch: a revert takes it back. */
  private readonly outcomes = new Map<string, vscode.Disposable>();

  constructor(
    private readonly engine: EngineConnection,
    private readonly review: PatchReview,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.content = this.register(new ProposalFileSystem(engine, review));
    this.register(registerProposalFileSystem(this.content));
    this.register(review.setUnsavedProposalFlusher((patchId) => this.content.flushUnsaved(patchId)));
    this.register(vscode.languages.registerCodeLensProvider(HUNK_LENS_SELECTOR, this.register(new HunkCodeLensProvider(review))));
    this.register(review.onDidChange(({ patch }) => void this.onPatchChanged(patch)));
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => this.updateContext()));
    this.register(vscode.window.tabGroups.onDidChangeTabGroups(() => this.updateContext()));
    for (const p of review.pending()) this.undecided.set(p.view.id, undecidedByFile(p.view));
  }

  /** Opens the diff of one file of a patch (replacing the diff of another file of the same patch). */
  async open(ref: PatchFileRef): Promise<void> {
    const preview = await this.engine.request('patch/preview', { threadId: ref.threadId, patchId: ref.patchId, path: ref.path });
    const view = this.review.get(ref.patchId)?.view;
    const pending = view?.status === 'pending';
    const right = patchUri(ref, 'proposed');
    this.content.prime(right, preview.newText);
    // The file as the engine names it: `folder/rest` in a multi-root workspace.
    const real = uriOfWorkspacePath(ref.path);
    // While pending, the left side is the real file (what the user has now). Once decided, the file holds
    // the result, so the proposal is shown against the text it was made for.
    let left: vscode.Uri;
    if (pending && preview.kind !== 'add' && real) left = real;
    else {
      left = patchUri(ref, 'original');
      this.content.prime(left, preview.oldText);
    }
    const file = view?.files.find((f) => f.path === ref.path);
    const hunk = file?.hunks.find((h) => h.decision === 'pending') ?? file?.hunks[0];
    const line = hunk ? Math.max(0, anchorLine(hunk)) : 0;
    const options: vscode.TextDocumentShowOptions = { preview: true, selection: new vscode.Range(line, 0, line, 0) };
    await vscode.commands.executeCommand('vscode.diff', left, right, diffTitle(ref, preview, view), options);
    await this.closeTabs(ref.patchId, (p) => p !== ref.path);
    this.updateContext();
  }

  /** Opens the first file of a patch that still has hunks to review (the first file when none has). */
  async openPatch(threadId: string, patchId: string): Promise<void> {
    const view = this.review.get(patchId)?.view;
    if (!view) throw new Error('Crosswind does not know this patch (was the engine restarted?).');
    const file = view.files.find((f) => f.hunks.some((h) => h.decision === 'pending')) ?? view.files[0];
    if (!file) throw new Error('This patch changes no file.');
    await this.open({ threadId, patchId, path: file.path });
  }

  /** Shows the next (+1) or previous (−1) file of the patch, wrapping around. */
  async step(ref: PatchFileRef, delta: 1 | -1): Promise<void> {
    const files = this.review.get(ref.patchId)?.view.files ?? [];
    if (files.length < 2) {
      vscode.window.setStatusBarMessage('This patch changes only one file.', 4000);
      return;
    }
    const i = files.findIndex((f) => f.path === ref.path);
    const next = files[(i + delta + files.length) % files.length]!;
    await this.open({ ...ref, path: next.path });
  }

  /** The patch file a title action or command is about: its argument, else the active tab. */
  targetOf(arg?: unknown): PatchFileRef | undefined {
    if (arg instanceof vscode.Uri) {
      const ref = parsePatchUri(arg);
      if (ref) return ref;
    }
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputTextDiff) return parsePatchUri(input.modified);
    if (input instanceof vscode.TabInputText) return parsePatchUri(input.uri);
    return undefined;
  }

  private async onPatchChanged(patch: PatchView): Promise<void> {
    const before = this.undecided.get(patch.id);
    try {
      if (patch.status === 'pending') {
        const now = undecidedByFile(patch);
        this.undecided.set(patch.id, now);
        await this.content.refresh(patch);
        if (before) await this.moveOnFromDecidedFile(patch, before, now);
      } else if (patch.status === 'reverted' && this.outcomes.has(patch.id)) {
        // "Applied…" is still showing: it is no longer true.
        this.sayOutcome(patch.id, `$(discard) Reverted the patch to ${where(patch)}`, 5000);
      } else if (before) {
        // Notifications and request results both report the end: only the first one acts.
        this.undecided.delete(patch.id);
        const closed = await this.closeTabs(patch.id, () => true);
        if (closed) this.reportOutcome(patch);
      }
    } catch (e) {
      this.log.warn(`Diff review: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.updateContext();
    }
  }

  private async moveOnFromDecidedFile(patch: PatchView, before: Map<string, number>, now: Map<string, number>): Promise<void> {
    const shown = new Set(this.tabsOf(patch.id).map((t) => t.ref.path));
    const done = patch.files.find((f) => shown.has(f.path) && (before.get(f.path) ?? 0) > 0 && now.get(f.path) === 0);
    if (!done) return;
    const start = patch.files.indexOf(done);
    const ordered = [...patch.files.slice(start + 1), ...patch.files.slice(0, start)];
    const next = ordered.find((f) => (now.get(f.path) ?? 0) > 0);
    const threadId = this.review.get(patch.id)?.threadId;
    if (next && threadId) await this.open({ threadId, patchId: patch.id, path: next.path });
  }

  private reportOutcome(patch: PatchView): void {
    const hunks = patch.files.flatMap((f) => f.hunks);
    const accepted = hunks.filter((h) => h.decision === 'accepted').length;
    switch (patch.status) {
      case 'applied':
      case 'partiallyApplied':
        this.sayOutcome(patch.id, `$(check) Applied ${accepted} of ${hunks.length} ${hunks.length === 1 ? 'hunk' : 'hunks'} in ${where(patch)}`, 10_000);
        break;
      case 'rejected':
        this.sayOutcome(patch.id, `$(circle-slash) Rejected the proposed change to ${where(patch)}`, 10_000);
        break;
      case 'stale':
      case 'failed':
        void vscode.window.showWarningMessage(`Crosswind did not change ${where(patch)}: ${patch.error?.message ?? patch.status}`);
        break;
      default:
        break;
    }
  }

  /** Replaces the patch's previous outcome line, so "Applied…" never outlives a revert. */
  private sayOutcome(patchId: string, text: string, ms: number): void {
    this.outcomes.get(patchId)?.dispose();
    const message = vscode.window.setStatusBarMessage(text, ms);
    this.outcomes.set(patchId, message);
    setTimeout(() => this.outcomes.get(patchId) === message && this.outcomes.delete(patchId), ms);
  }

  override dispose(): void {
    for (const m of this.outcomes.values()) m.dispose();
    this.outcomes.clear();
    super.dispose();
  }

  /** Our diff tabs (and lone proposal tabs) for a patch. */
  private tabsOf(patchId: string): { tab: vscode.Tab; ref: PatchFileRef }[] {
    const out: { tab: vscode.Tab; ref: PatchFileRef }[] = [];
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
      const uri = tab.input instanceof vscode.TabInputTextDiff ? tab.input.modified : tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      const ref = uri && parsePatchUri(uri);
      if (ref && ref.patchId === patchId) out.push({ tab, ref });
    }
    return out;
  }

  /** Closes the patch's tabs whose file matches; returns whether any was open. */
  private async closeTabs(patchId: string, which: (path: string) => boolean): Promise<boolean> {
    const tabs = this.tabsOf(patchId).filter((t) => which(t.ref.path));
    if (!tabs.length) return false;
    await vscode.window.tabGroups.close(tabs.map((t) => t.tab), true);
    return true;
  }

  private updateContext(): void {
    const ref = this.targetOf();
    const view = ref && this.review.get(ref.patchId)?.view;
    void vscode.commands.executeCommand('setContext', PENDING_KEY, view?.status === 'pending');
    void vscode.commands.executeCommand('setContext', MULTI_FILE_KEY, (view?.files.length ?? 0) > 1);
  }
}

function where(patch: PatchView): string {
  return patch.files.length === 1 ? patch.files[0]!.path : `${patch.files.length} files`;
}

function undecidedByFile(patch: PatchView): Map<string, number> {
  return new Map(patch.files.map((f: PatchFile) => [f.path, f.hunks.filter((h) => h.decision === 'pending').length]));
}

function diffTitle(ref: PatchFileRef, preview: EngineRequestResult<'patch/preview'>, view: PatchView | undefined): string {
  const name = preview.movePath ? `${path.posix.basename(ref.path)} → ${path.posix.basename(preview.movePath)}` : path.posix.basename(ref.path);
  const files = view?.files ?? [];
  const position = files.length > 1 ? `, file ${files.findIndex((f) => f.path === ref.path) + 1} of ${files.length}` : '';
  const what = view && view.status !== 'pending' ? 'Crosswind proposal, ' + view.status : 'Crosswind proposal';
  return `${name} (${what}${position})`;
}
