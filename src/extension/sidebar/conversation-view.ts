// The sidebar view: hosts the webview and routes its messages. Every message from the webview is
// validated against the protocol; anything unknown or malformed is dropped and logged, never acted on.
import * as vscode from 'vscode';
import type { HostToWebview } from '../../protocol';
import { Disposable } from '../disposable';
import { dispatchWebviewMessage, type WebviewMessageHandlers } from './webview-dispatch';
import { renderWebviewHtml, webviewOptions } from './webview-html';

export type { WebviewMessageHandlers } from './webview-dispatch';

export class ConversationView extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'crosswind.conversation';
  private view: vscode.WebviewView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly handlers: WebviewMessageHandlers,
  ) {
    super();
  }

  get isResolved(): boolean {
    return this.view !== undefined;
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = renderWebviewHtml(view.webview, this.extensionUri);
    const sub = view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    view.onDidDispose(() => {
      sub.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  /** Posts a message if the view exists; returns whether it was delivered to a live webview. */
  post(message: HostToWebview): Thenable<boolean> {
    return this.view ? this.view.webview.postMessage(message) : Promise.resolve(false);
  }

  /** Reveals the sidebar (opening the container if needed). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${ConversationView.viewType}.focus`);
  }

  private async receive(raw: unknown): Promise<void> {
    await dispatchWebviewMessage(raw, this.handlers, this.log, (message) => void this.post({ type: 'error', error: { kind: 'internal', message } }));
  }
}
