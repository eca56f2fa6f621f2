// The MCP tools of one turn as the model sees them: each named `mcp__<server>__<tool>`, cleaned to what
// every provider accepts as a tool name (^[a-zA-Z0-9_-]{1,64}$), and mapped back to its server and tool
// when the model calls it. Names stay stable across turns (the same server and tool give the same name),
// so a conversation's earlier calls still read right.
import type { ToolDefinition } from '../model/types';
import type { McpToolInfo } from '../ports/mcp';

const PREFIX = 'mcp__';
const MAX_NAME = 64;
/** Descriptions are sent on every request; a server that writes an essay is cut. */
const MAX_DESCRIPTION = 1024;

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

export class McpToolSet {
  private readonly byName = new Map<string, McpToolInfo>();

  constructor(tools: readonly McpToolInfo[]) {
    for (const t of tools) {
      let name = mcpToolName(t.server, t.name);
      // Two tools that clean to the same name (a.b and a_b): the second gets a distinct one.
      for (let n = 2; this.byName.has(name) && n < 100; n++) name = `${name.slice(0, MAX_NAME - 3)}_${n}`;
      if (!this.byName.has(name)) this.byName.set(name, t);
    }
  }

  get size(): number {
    return this.byName.size;
  }

  lookup(name: string): McpToolInfo | undefined {
    return this.byName.get(name);
  }

  definitions(): ToolDefinition[] {
    return [...this.byName].map(([name, t]) => {
      // The name already says the server (mcp__<server>__…): the description is the server's own.
      const description = t.description || t.name;
      const parameters: Record<string, unknown> = { ...t.inputSchema };
      delete parameters.$schema;
      if (parameters.type !== 'object') parameters.type = 'object';
      return { name, description: description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 1)}…` : description, parameters };
    });
  }
}
