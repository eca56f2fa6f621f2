// The read-only sides of the review diff: the proposed text of one file of a patch (and, for an added file
// or a patch already decided, the text it was proposed against), as the engine computes them
// (patch/preview, re-matched against the file as it is now). A content provider's documents cannot be
// edited, so the only way to change what lands is to decide hunks.
import * as vscode from 'vscode';
import type { PatchView } from '../../protocol';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';
import { parsePatchUri, PATCH_SCHEME } from './patch-uri';

export class PatchContentProvider extends Disposable implements vscode.TextDocumentContentProvider {
  /** Last text served per document, so a refresh only fires when the proposal really changed. */
  private readonly served = new Map<string, string>();
  private readonly changedEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changedEmitter.event;

  constructor(private readonly engine: EngineConnection) {
    super();
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.served.delete(doc.uri.toString())));
  }

  /** Seeds the text of a document about to be opened (the caller already asked the engine for it). */
  prime(uri: vscode.Uri, text: string): void {
    this.served.set(uri.toString(), text);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parsePatchUri(uri);
    if (!ref) return '';
    const known = this.served.get(uri.toString());
    if (known !== undefined) return known;
    try {
      const preview = await this.engine.request('patch/preview', { threadId: ref.threadId, patchId: ref.patchId, path: ref.path });
      const text = ref.side === 'original' ? preview.oldText : preview.newText;
      this.served.set(uri.toString(), text);
      return text;
    } catch (e) {
      // Shown in place of the proposal: an empty document would look like "delete everything".
      return `Crosswind could not load the proposed ${ref.path}: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }

  /** The patch changed (decisions, or the file moved under it): re-fetch what is open and say if it differs. */
  async refresh(patch: PatchView): Promise<void> {
    if (patch.status !== 'pending') return;
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === PATCH_SCHEME && parsePatchUri(d.uri)?.patchId === patch.id);
    for (const doc of open) {
      const ref = parsePatchUri(doc.uri);
      if (!ref) continue;
      try {
        const preview = await this.engine.request('patch/preview', { threadId: ref.threadId, patchId: ref.patchId, path: ref.path });
        const text = ref.side === 'original' ? preview.oldText : preview.newText;
        if (this.served.get(doc.uri.toString()) === text) continue;
        this.served.set(doc.uri.toString(), text);
        this.changedEmitter.fire(doc.uri);
      } catch {
        // The patch is gone (engine restarted): keep showing what was proposed.
      }
    }
  }
}
