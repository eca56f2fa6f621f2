// The sidebar's HTML in VS Code: the shell of webview-shell.ts with a fresh nonce and the built assets
// of dist/ as webview URIs.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { sidebarShellHtml } from './webview-shell';

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function renderWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = newNonce()): string {
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', ...p)).toString();
  return sidebarShellHtml({
    cspSource: webview.cspSource,
    nonce,
    codiconsCss: asset('codicons', 'codicon.css'),
    webviewCss: asset('webview.css'),
    scripts: [asset('webview.js')],
  });
}

/** The webview may load only what the extension built. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}
