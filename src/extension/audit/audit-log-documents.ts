// "Crosswind: Show Audit Log": the engine's `audit/show` as a read-only document on the crosswind-audit:
// scheme — the verification verdict on top (a broken hash chain is shouted, and also raised as a
// warning), then one readable line per record. The raw JSONL file is one click away ("Open Raw File").
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';
import { renderAuditLog, type AuditShowResult } from './audit-log-text';

export const AUDIT_SCHEME = 'crosswind-audit';

export class AuditLogDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  static readonly uri = vscode.Uri.from({ scheme: AUDIT_SCHEME, path: '/Crosswind Audit Log' });
  private readonly changedEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changedEmitter.event;
  private last: AuditShowResult | undefined;
  private onRead: (() => void) | undefined;

  constructor(private readonly engine: EngineConnection) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(AUDIT_SCHEME, this));
  }

  /** What the view showed last (tests and "Open Raw File"). */
  get lastResult(): AuditShowResult | undefined {
    return this.last;
  }

  async provideTextDocumentContent(): Promise<string> {
    try {
      this.last = await this.engine.request('audit/show', {});
      return renderAuditLog(this.last);
    } catch (e) {
      return `Crosswind audit log\n\nThe audit log could not be read: ${e instanceof Error ? e.message : String(e)}\n`;
    } finally {
      this.onRead?.();
      this.onRead = undefined;
    }
  }

  /** Opens (or refreshes) the view, and warns when the chain is broken. */
  async show(): Promise<vscode.TextEditor> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === AuditLogDocuments.uri.toString());
    if (open) {
      // VS Code asks the provider again on change; wait for that read (bounded, in case it does not).
      const reread = new Promise<void>((resolve) => {
        this.onRead = resolve;
        setTimeout(resolve, 5000);
      });
      this.changedEmitter.fire(AuditLogDocuments.uri);
      await reread;
    }
    let doc = open ?? (await vscode.workspace.openTextDocument(AuditLogDocuments.uri));
    if (doc.languageId !== 'log') {
      // Colours dates and levels where the built-in Log language exists; plain text otherwise.
      doc = await vscode.languages.setTextDocumentLanguage(doc, 'log').then(
        (d) => d,
        () => doc,
      );
    }
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    if (this.last && this.last.exists && !this.last.intact) {
      void vscode.window.showWarningMessage(`The Crosswind audit log failed verification: ${this.last.verdict}`, 'Open Raw File').then((pick) => {
        if (pick) void this.openRaw();
      });
    }
    return editor;
  }

  /** The JSONL file itself. */
  async openRaw(): Promise<void> {
    const path = this.last?.path ?? (await this.engine.request('audit/show', {})).path;
    const uri = vscode.Uri.file(path);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      void vscode.window.showInformationMessage('There is no audit log file yet: it is written from the first model request on.');
      return;
    }
    await vscode.commands.executeCommand('vscode.open', uri);
  }
}
