// Reading an MCP configuration file in the shapes users already have: VS Code's mcp.json
// (`{"servers": {...}, "inputs": [...]}`, JSON with comments) and the `mcpServers` object of Claude
// Desktop, Claude Code and Cursor. Each entry becomes a McpServerConfig; an entry Crosswind cannot use
// (an `${input:…}` variable it has no prompt for, an unknown transport) becomes `invalid` with the
// reason, so the server is listed as failed rather than silently missing.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { McpServerConfig, type McpServerConfigInput } from '../protocol';

export class McpConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpConfigError';
  }
}

/** Parses the text of an mcp.json file; throws McpConfigError naming `source` when it is not one. */
export function parseMcpConfigFile(text: string, source: string): Record<string, McpServerConfig> {
  // Read as VS Code reads mcp.json: comments and trailing commas allowed.
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) throw new McpConfigError(`${source} is not valid JSON: ${printParseErrorCode(first.error)} at offset ${first.offset}`);
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new McpConfigError(`${source} must hold a JSON object with "servers" (or "mcpServers").`);
  const root = json as Record<string, unknown>;
  const servers = root.servers ?? root.mcpServers;
  if (servers === undefined) throw new McpConfigError(`${source} has no "servers" (or "mcpServers") object.`);
  if (!servers || typeof servers !== 'object' || Array.isArray(servers)) throw new McpConfigError(`${source}: "servers" must be an object of named servers.`);
  return mcpServerEntries(servers as Record<string, unknown>, source);
}

/** The entries of a `servers` object (an mcp.json's, or the crosswind.mcpServers setting's). */
export function mcpServerEntries(servers: Record<string, unknown>, source: string): Record<string, McpServerConfig> {
  const out: Record<string, McpServerConfig> = {};
  for (const [name, entry] of Object.entries(servers)) {
    if (entry && typeof entry === 'object' && (entry as { disabled?: unknown }).disabled === true) continue;
    out[name] = mcpServerEntry(entry, `${source}: server '${name}'`);
  }
  return out;
}

function mcpServerEntry(entry: unknown, where: string): McpServerConfig {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return invalid(`${where} must be an object.`);
  const e = { ...(entry as Record<string, unknown>) };
  const input = JSON.stringify(e).match(/\$\{input:([^}]*)\}/);
  if (input) return invalid(`${where} uses \${input:${input[1]}}, which Crosswind cannot prompt for; put the value in the entry's env or headers (or \${env:NAME}).`);
  // Entries without a type (Claude, Cursor, older VS Code files): a command is stdio, a url is HTTP.
  e.type ??= typeof e.command === 'string' ? 'stdio' : typeof e.url === 'string' ? 'http' : undefined;
  if (e.type === 'sse') return invalid(`${where} uses the legacy SSE transport, which Crosswind does not support; use a streamable HTTP endpoint ("type": "http").`);
  if (e.type !== 'stdio' && e.type !== 'http') return invalid(`${where} needs "type": "stdio" (with "command") or "http" (with "url").`);
  // Fields other tools add (envFile, dev, gallery, …) are not ours to refuse.
  const known = e.type === 'stdio' ? ['type', 'command', 'args', 'env', 'cwd', 'timeout'] : ['type', 'url', 'headers', 'timeout'];
  const parsed = McpServerConfig.safeParse(Object.fromEntries(Object.entries(e).filter(([k]) => known.includes(k))) as McpServerConfigInput);
  if (!parsed.success) return invalid(`${where} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')}.`);
  return parsed.data;
}

function invalid(error: string): McpServerConfig {
  return { type: 'invalid', error };
}

