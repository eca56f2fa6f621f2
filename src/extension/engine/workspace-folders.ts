// The workspace folders as the engine knows them, and the one mapping between its paths and the editor's
// Uris. With one folder the engine's paths are relative to it; with several each starts with the
// folder's name — the name VS Code shows, made unique in folder order (src/shared uniqueFolderNames) the
// same way on both sides. Every place that turns an engine path into a Uri, or a Uri into an engine
// path (diff review, saves, opening links, mentions, attachments), goes through here.
import * as vscode from 'vscode';
import { uniqueFolderNames } from '../../shared';
import { absoluteInFolders, workspacePathIn, type NamedRoot } from '../sidebar/workspace-paths';

/** The folders on disk (file scheme), in order, with the names the engine uses. */
export function engineFolders(): NamedRoot[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const names = uniqueFolderNames(folders.map((f) => f.name));
  return folders.map((f, i) => ({ name: names[i]!, root: f.uri.fsPath }));
}

/** The Uri of an engine path (or an absolute path inside a folder); undefined outside every folder. */
export function uriOfWorkspacePath(p: string): vscode.Uri | undefined {
  const target = absoluteInFolders(engineFolders(), p);
  return target === undefined ? undefined : vscode.Uri.file(target);
}

/** The engine's path of a file in the workspace; VS Code's relative form for one outside every folder. */
export function workspacePathOfUri(uri: vscode.Uri): string {
  return (uri.scheme === 'file' ? workspacePathIn(engineFolders(), uri.fsPath) : undefined) ?? vscode.workspace.asRelativePath(uri, false);
}
