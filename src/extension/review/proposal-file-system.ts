// The two sides of the review diff as files of the `crosswind-patch` scheme: the proposed text of one
// file of a patch, and (for an added file or a patch already decided) the text it was proposed against,
// as the engine computes them (patch/preview, re-matched against the file as it is now). The proposed
// side of a pending patch is writable: saving it (Ctrl+S) sends the user's text as patch/edit, after which
// the engine's hunks — in this diff and in the sidebar — are those of the user's version, and Accept
// applies it. Every other side is read-only.
import * as vscode from 'vscode';
import type { PatchView } from '../../protocol';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';
import type { PatchReview } from './patch-review';
import { parsePatchUri, PATCH_SCHEME, type PatchFileRef, type PatchSide } from './patch-uri';

interface Served {
  text: string;
  /** Bumped whenever the text changes, so VS Code reloads an unmodified editor (and a stale save is caught). */
  mtime: number;
  /** The engine could not give the text: the message shown in its place is never saved as an edit. */
  failed?: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export class ProposalFileSystem extends Disposable implements vscode.FileSystemProvider {
  /** Last text served per document, so a refresh only reloads when the proposal really changed. */
  private readonly served = new Map<string, Served>();
  private readonly changedEmitter = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.changedEmitter.event;
  private clock = Date.now();

  constructor(
    private readonly engine: EngineConnection,
    private readonly review: PatchReview,
  ) {
    super();
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.served.delete(doc.uri.toString())));
  }

  /** Seeds the text of a document about to be opened (the caller already asked the engine for it). */
  prime(uri: vscode.Uri, text: string): void {
    const known = this.served.get(uri.toString());
    if (known?.text !== text) this.served.set(uri.toString(), { text, mtime: this.tick() });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const ref = this.refOf(uri);
    const served = await this.load(uri, ref);
    return {
      type: vscode.FileType.File,
      ctime: 0,
      mtime: served.mtime,
      size: encoder.encode(served.text).byteLength,
      ...(this.writable(ref) && !served.failed ? {} : { permissions: vscode.FilePermission.Readonly }),
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return encoder.encode((await this.load(uri, this.refOf(uri))).text);
  }

  /** Saving the proposed side: the user's text becomes the patch's proposal for this file (patch/edit). */
  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const text = decoder.decode(content);
    const before = this.served.get(uri.toString());
    // Already the engine's text (flushUnsaved sent it before a decision, and the save arrives after): nothing to do.
    if (before && !before.failed && before.text === text) return;
    await this.sendEdit(uri, text);
  }

  /**
   * Sends what the user typed in a patch's proposed sides and did not save, then saves them (so closing the
   * decided patch's tabs asks nothing). The text goes to the engine directly, not through the save: the
   * first save in a window can wait seconds on other extensions' save participants, and a decision taken
   * meanwhile would apply the model's text instead of what the user sees.
   */
  async flushUnsaved(patchId: string): Promise<void> {
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && parsePatchUri(d.uri)?.patchId === patchId && parsePatchUri(d.uri)?.side === 'proposed');
    for (const doc of dirty) {
      const text = doc.getText();
      if (this.served.get(doc.uri.toString())?.text !== text) await this.sendEdit(doc.uri, text, 'keep-mtime');
    }
    for (const doc of dirty) await doc.save();
  }

  /** `keep-mtime` when the document is saved right after: a newer time would make its save a conflict. */
  private async sendEdit(uri: vscode.Uri, text: string, mtime: 'tick' | 'keep-mtime' = 'tick'): Promise<void> {
    const ref = this.refOf(uri);
    if (!this.writable(ref) || this.served.get(uri.toString())?.failed) {
      throw vscode.FileSystemError.NoPermissions('Only the proposed side of a patch still to review can be edited.');
    }
    const before = this.served.get(uri.toString());
    // Recorded first: the engine's notification of the edit (which refreshes open sides) may come before its answer.
    this.served.set(uri.toString(), { text, mtime: mtime === 'keep-mtime' && before ? before.mtime : this.tick() });
    try {
      await this.review.edit(ref.threadId, ref.patchId, ref.path, text);
    } catch (e) {
      if (before) this.served.set(uri.toString(), before);
      else this.served.delete(uri.toString());
      throw vscode.FileSystemError.NoPermissions(`Crosswind did not take the edit: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  /** The patch changed (decisions, an edit, or the file moved under it): re-fetch what is open and reload what differs. */
  async refresh(patch: PatchView): Promise<void> {
    if (patch.status !== 'pending') return;
    const changed: vscode.FileChangeEvent[] = [];
    for (const doc of vscode.workspace.textDocuments) {
      const ref = parsePatchUri(doc.uri);
      if (!ref || ref.patchId !== patch.id) continue;
      try {
        const text = await this.fetch(ref, ref.side);
        if (this.served.get(doc.uri.toString())?.text === text) continue;
        this.served.set(doc.uri.toString(), { text, mtime: this.tick() });
        changed.push({ type: vscode.FileChangeType.Changed, uri: doc.uri });
      } catch {
        // The patch is gone (engine restarted): keep showing what was proposed.
      }
    }
    if (changed.length) this.changedEmitter.fire(changed);
  }

  private refOf(uri: vscode.Uri): PatchFileRef & { side: PatchSide } {
    const ref = parsePatchUri(uri);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    return ref;
  }

  /** The proposed side of a file the pending patch adds or updates (a deleted file has no text to edit). */
  private writable(ref: PatchFileRef & { side: PatchSide }): boolean {
    const view = this.review.get(ref.patchId)?.view;
    const file = view?.files.find((f) => f.path === ref.path);
    return ref.side === 'proposed' && view?.status === 'pending' && file !== undefined && file.kind !== 'delete';
  }

  private async load(uri: vscode.Uri, ref: PatchFileRef & { side: PatchSide }): Promise<Served> {
    const known = this.served.get(uri.toString());
    if (known) return known;
    let served: Served;
    try {
      served = { text: await this.fetch(ref, ref.side), mtime: this.tick() };
    } catch (e) {
      // Shown in place of the proposal: an empty document would look like "delete everything".
      served = { text: `Crosswind could not load the proposed ${ref.path}: ${e instanceof Error ? e.message : String(e)}\n`, mtime: this.tick(), failed: true };
    }
    this.served.set(uri.toString(), served);
    return served;
  }

  private async fetch(ref: PatchFileRef, side: PatchSide): Promise<string> {
    const preview = await this.engine.request('patch/preview', { threadId: ref.threadId, patchId: ref.patchId, path: ref.path });
    return side === 'original' ? preview.oldText : preview.newText;
  }

  /** A modification time later than any given before (two changes within a millisecond still differ). */
  private tick(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }
}

/** Registers the scheme; the proposals are case-sensitive paths like the workspace's own. */
export function registerProposalFileSystem(fs: ProposalFileSystem): vscode.Disposable {
  return vscode.workspace.registerFileSystemProvider(PATCH_SCHEME, fs, { isCaseSensitive: true });
}
