// The MCP tools of one turn as the model sees them: each named `mcp__<server>__<tool>`, cleaned to what
// every provider accepts as a tool name (^[a-zA-Z0-9_-]{1,64}$), and mapped back to its server and tool
// when the model calls it. Names stay stable across turns (the same server and tool give the same name),
// so a conversation's earlier calls still read right.
//
// Every request pays for the tool definitions it carries. While the servers' definitions are small they
// are all sent; past EAGER_LIMIT_CHARS they are deferred, as Claude Code and Codex's tool search do: the
// model gets one line per tool inside the `mcp_load_tools` tool and loads the schemas it needs, which are
// sent from then on (in this thread: a tool loaded or called earlier in the conversation stays loaded).
// A deferred tool called without loading still runs — the name is enough to route it.
import type { ConversationItem, ToolDefinition } from '../model/types';
import type { McpToolInfo } from '../ports/mcp';

const PREFIX = 'mcp__';
const MAX_NAME = 64;
/** Descriptions are sent on every request; a server that writes an essay is cut. */
const MAX_DESCRIPTION = 1024;
/** Definitions up to this size (JSON characters, about 1,000 tokens) are sent whole; beyond, deferred. */
export const EAGER_LIMIT_CHARS = 4_000;
/** The one line a deferred tool gets in the listing: its description's first sentence, cut here. */
const MAX_LISTING_LINE = 100;
/** The built-in tool that loads deferred MCP tools' schemas (no `mcp__` prefix: it is ours, not a server's). */
export const MCP_LOAD_TOOL = 'mcp_load_tools';

export function isMcpToolName(name: string): boolean {
  return name.startsWith(PREFIX);
}

/** A short, stable suffix that keeps two long names apart after they are cut. */
function shortHash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36).slice(0, 6);
}

function clean(part: string): string {
  return part.replace(/[^a-zA-Z0-9_-]/g, '_') || '_';
}

/** The model-facing name of a server's tool. */
export function mcpToolName(server: string, tool: string): string {
  const name = `${PREFIX}${clean(server)}__${clean(tool)}`;
  if (name.length <= MAX_NAME) return name;
  const suffix = `_${shortHash(`${server}\u0000${tool}`)}`;
  return name.slice(0, MAX_NAME - suffix.length) + suffix;
}

/** The MCP tools a conversation already loaded or called (they stay loaded for the thread). */
export function mcpToolsUsedIn(conversation: readonly ConversationItem[]): string[] {
  const used: string[] = [];
  for (const item of conversation) {
    if (item.type !== 'toolCall') continue;
    if (isMcpToolName(item.name)) used.push(item.name);
    else if (item.name === MCP_LOAD_TOOL && Array.isArray(item.input?.names)) used.push(...item.input.names.filter((n): n is string => typeof n === 'string'));
  }
  return used;
}

export class McpToolSet {
  private readonly byName = new Map<string, McpToolInfo>();
  private readonly full = new Map<string, ToolDefinition>();
  /** Whether schemas are sent only once loaded (the servers' definitions are too large to send whole). */
  readonly deferred: boolean;
  private readonly loaded = new Set<string>();

  constructor(tools: readonly McpToolInfo[], alreadyUsed: readonly string[] = []) {
    for (const t of tools) {
      let name = mcpToolName(t.server, t.name);
      // Two tools that clean to the same name (a.b and a_b): the second gets a distinct one.
      for (let n = 2; this.byName.has(name) && n < 100; n++) name = `${name.slice(0, MAX_NAME - 3)}_${n}`;
      if (!this.byName.has(name)) {
        this.byName.set(name, t);
        this.full.set(name, fullDefinition(name, t));
      }
    }
    this.deferred = JSON.stringify([...this.full.values()]).length > EAGER_LIMIT_CHARS;
    for (const name of alreadyUsed) if (this.full.has(name)) this.loaded.add(name);
  }

  get size(): number {
    return this.byName.size;
  }

  lookup(name: string): McpToolInfo | undefined {
    return this.byName.get(name);
  }

  /** Every tool's whole definition, as an eager request would carry them (the bench compares). */
  schemas(): ToolDefinition[] {
    return [...this.full.values()];
  }

  /** What the next request offers: every definition, or (deferred) the loaded ones plus the loader. */
  definitions(): ToolDefinition[] {
    if (!this.deferred) return this.schemas();
    const loaded = [...this.full].filter(([name]) => this.loaded.has(name)).map(([, d]) => d);
    const waiting = [...this.byName].filter(([name]) => !this.loaded.has(name));
    if (waiting.length === 0) return loaded;
    const listing = waiting.map(([name, t]) => `- ${name}: ${listingLine(t)}`).join('\n');
    return [
      ...loaded,
      {
        name: MCP_LOAD_TOOL,
        description: `Loads MCP tools so you can call them. Their schemas are not sent until loaded; load the ones you need, then call them by name.\n${listing}`,
        parameters: {
          type: 'object',
          properties: { names: { type: 'array', items: { type: 'string' }, description: 'Tool names from the list, e.g. mcp__server__tool.' } },
          required: ['names'],
          additionalProperties: false,
        },
      },
    ];
  }

  /** The model's `mcp_load_tools` call: the named tools are offered with their schemas from the next request on. */
  load(input: Record<string, unknown>): { output: string; isError: boolean } {
    const names = Array.isArray(input.names) ? input.names.filter((n): n is string => typeof n === 'string') : [];
    if (names.length === 0) return { output: `${MCP_LOAD_TOOL} needs "names": a list of tool names from its description.`, isError: true };
    const known = names.filter((n) => this.full.has(n));
    const unknown = names.filter((n) => !this.full.has(n));
    for (const n of known) this.loaded.add(n);
    const parts = [];
    if (known.length) parts.push(`Loaded ${known.join(', ')}: call ${known.length === 1 ? 'it' : 'them'} by name now.`);
    if (unknown.length) parts.push(`No MCP tool is named ${unknown.join(', ')} (the list in ${MCP_LOAD_TOOL}'s description has the names).`);
    return { output: parts.join(' '), isError: known.length === 0 };
  }
}

function fullDefinition(name: string, t: McpToolInfo): ToolDefinition {
  // The name already says the server (mcp__<server>__…): the description is the server's own.
  const description = t.description || t.name;
  const parameters: Record<string, unknown> = { ...t.inputSchema };
  delete parameters.$schema;
  if (parameters.type !== 'object') parameters.type = 'object';
  return { name, description: description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 1)}…` : description, parameters };
}

function listingLine(t: McpToolInfo): string {
  const text = (t.description || t.name).replace(/\s+/g, ' ').trim();
  const sentence = /^(.*?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > MAX_LISTING_LINE ? `${sentence.slice(0, MAX_LISTING_LINE - 1)}…` : sentence;
}
