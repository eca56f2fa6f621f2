// The diff editor tabs Crosswind opened on proposed changes, and a file of the test workspace.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

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

/**
 * Writes a workspace file behind VS Code's back, then waits until a document still open on it has
 * reloaded: otherwise a patch is planned on the old text, and saving it conflicts with the newer file.
 */
export async function rewriteFile(file: ReturnType<typeof workspaceFile>, text: string): Promise<void> {
  file.write(text);
  await waitFor('VS Code to see the rewritten file', () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.uri.toString());
    return !doc || (!doc.isDirty && doc.getText() === text);
  });
}
