// The MCP servers the editor hands the engine, from where VS Code users already keep them: the user's
// own mcp.json (beside settings.json in the user data folder), each workspace folder's .vscode/mcp.json,
// and the crosswind.mcpServers setting (same shape as mcp.json's "servers") — a later source's server
// replacing an earlier one of the same name. In Restricted Mode none: a stdio server is a command, and an
// untrusted workspace runs nothing.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { McpServerConfig } from '../../protocol';
import { mcpServerEntries, parseMcpConfigFile } from '../../shared';

export interface McpReadout {
  servers: Record<string, McpServerConfig>;
  problems: string[];
}

/**
 * The user data folder's mcp.json, from the extension's global storage folder
 * (`<user data>/User/globalStorage/<extension id>` → `<user data>/User/mcp.json`).
 */
export function userMcpJsonPath(globalStorage: vscode.Uri): string | undefined {
  if (globalStorage.scheme !== 'file') return undefined;
  const user = path.dirname(path.dirname(globalStorage.fsPath));
  return path.basename(path.dirname(globalStorage.fsPath)) === 'globalStorage' ? path.join(user, 'mcp.json') : undefined;
}

/** The files read, in order (for the file watchers). */
export function mcpJsonFiles(userFile: string | undefined): string[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => path.join(f.uri.fsPath, '.vscode', 'mcp.json'));
  return [...(userFile ? [userFile] : []), ...folders];
}

export function readMcpServers(userFile: string | undefined): McpReadout {
  if (!vscode.workspace.isTrusted) return { servers: {}, problems: [] };
  const servers: Record<string, McpServerConfig> = {};
  const problems: string[] = [];
  for (const file of mcpJsonFiles(userFile)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    try {
      Object.assign(servers, parseMcpConfigFile(text, file));
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  const setting = vscode.workspace.getConfiguration('crosswind').get<unknown>('mcpServers');
  if (setting && typeof setting === 'object' && !Array.isArray(setting)) Object.assign(servers, mcpServerEntries(setting as Record<string, unknown>, 'crosswind.mcpServers'));
  return { servers, problems };
}
