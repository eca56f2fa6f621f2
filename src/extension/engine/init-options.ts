// What the engine is told at start: where the workspace is, where to keep its files, which ripgrep to
// search with, and the proxy VS Code is configured with.
import path from 'node:path';
import fs from 'node:fs';
import * as vscode from 'vscode';

export function engineInitOptions(context: vscode.ExtensionContext): Record<string, unknown> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const storage = (context.storageUri ?? context.globalStorageUri).fsPath;
  const audit = vscode.workspace.getConfiguration('crosswind').get<string>('audit.path');
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy');
  return {
    ...(root ? { workspaceRoot: root } : {}),
    storagePath: storage,
    globalStoragePath: context.globalStorageUri.fsPath,
    ...(audit ? { auditLogPath: audit } : {}),
    ...(bundledRipgrep() ? { ripgrepPath: bundledRipgrep() } : {}),
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
