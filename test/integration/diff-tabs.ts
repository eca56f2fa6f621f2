// The diff editor tabs Crosswind opened on proposed changes, and a file of the test workspace.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

export const PATCH_SCHEME = 'crosswind-patch';

export function patchDiffTabs(): { tab: vscode.Tab; input: vscode.TabInputTextDiff }[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .flatMap((tab) => (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === PATCH_SCHEME ? [{ tab, input: tab.input }] : []));
}

export function workspaceFile(p: string): { uri: vscode.Uri; read(): string | undefined; write(text: string): void; remove(): void } {
  const root = vscode.workspace.workspaceFolders![0]!.uri;
  const uri = vscode.Uri.joinPath(root, p);
  return {
    uri,
    read: () => (fs.existsSync(uri.fsPath) ? fs.readFileSync(uri.fsPath, 'utf8') : undefined),
    write: (text) => {
      fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
      fs.writeFileSync(uri.fsPath, text);
    },
    remove: () => fs.rmSync(uri.fsPath, { force: true }),
  };
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
