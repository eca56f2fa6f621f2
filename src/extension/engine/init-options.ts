// What the engine is told at start: where the workspace is (every folder of a multi-root one), where to keep its files, which ripgrep to
// search with, and the proxy VS Code is configured with.
import path from 'node:path';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { EngineInitOptions } from '../../protocol';
import { securityValue } from '../settings/security-settings';
import { engineFolders } from './workspace-folders';

/** The cloud variables are added by EngineConnection (engine-environment.ts). */
export function engineInitOptions(context: vscode.ExtensionContext): EngineInitOptions {
  const folders = engineFolders();
  const root = folders[0]?.root;
  const storage = (context.storageUri ?? context.globalStorageUri).fsPath;
  // A security setting: from user settings only (a workspace must not move the audit log).
  const audit = securityValue(vscode.workspace.getConfiguration('crosswind').inspect<string>('audit.path'), '').value;
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy');
  const ripgrep = bundledRipgrep();
  return {
    ...(root ? { workspaceRoot: root } : {}),
    // A multi-root workspace: every folder, named as this side names them (workspace-folders.ts).
    ...(folders.length > 1 ? { workspaceFolders: folders.map((f) => ({ name: f.name, path: f.root })) } : {}),
    storagePath: storage,
    globalStoragePath: context.globalStorageUri.fsPath,
    ...(audit ? { auditLogPath: audit } : {}),
    ...(ripgrep ? { ripgrepPath: ripgrep } : {}),
    ...(proxy ? { proxyUrl: proxy } : {}),
  };
}

/** VS Code ships ripgrep; the engine searches with it when it is there. */
function bundledRipgrep(): string | undefined {
  const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
  for (const dir of ['node_modules/@vscode/ripgrep/bin', 'node_modules.asar.unpacked/@vscode/ripgrep/bin']) {
    const p = path.join(vscode.env.appRoot, dir, exe);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}
