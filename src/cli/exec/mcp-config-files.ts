// The MCP servers of a `crosswind exec` run: the folder's `.vscode/mcp.json` (as VS Code reads it), then
// each `--mcp-config FILE` in order, a later file's server replacing an earlier one of the same name. A
// file that is missing or not an MCP configuration stops the run before any request (exit 2), naming it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { McpServerConfig } from '../../protocol';
import { McpConfigError, parseMcpConfigFile } from '../../shared';
import { InputError } from '../command';

export async function readMcpServers(folder: string, files: readonly string[], cwd: string): Promise<Record<string, McpServerConfig>> {
  const servers: Record<string, McpServerConfig> = {};
  const workspaceFile = path.join(folder, '.vscode', 'mcp.json');
  const workspaceText = await fs.readFile(workspaceFile, 'utf8').catch(() => undefined);
  if (workspaceText !== undefined) Object.assign(servers, parse(workspaceText, workspaceFile));
  for (const file of files) {
    const full = path.resolve(cwd, file);
    let text: string;
    try {
      text = await fs.readFile(full, 'utf8');
    } catch (e) {
      throw new InputError(`--mcp-config ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    Object.assign(servers, parse(text, `--mcp-config ${file}`));
  }
  return servers;
}

function parse(text: string, source: string): Record<string, McpServerConfig> {
  try {
    return parseMcpConfigFile(text, source);
  } catch (e) {
    if (e instanceof McpConfigError) throw new InputError(e.message);
    throw e;
  }
}
