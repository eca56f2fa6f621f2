// MCP tool servers as the engine sees them: a list of tools and a way to call one. The SDK, the child
// processes and the HTTP connections are the host's (src/host/mcp); the engine only hands over the
// configuration (from its settings), asks for the tools at the start of each turn, and calls them.
import type { McpServerConfig, McpServerStatus } from '../../protocol';
import type { AbortSignalLike } from './cancellation';

export interface McpToolInfo {
  server: string;
  /** The tool's name as the server gives it. */
  name: string;
  description: string;
  /** The JSON Schema of its arguments, as the server declared it. */
  inputSchema: Record<string, unknown>;
}

/** What the tool answered, flattened to text (images and resources are described, not sent). */
export interface McpCallResult {
  text: string;
  isError: boolean;
}

export interface McpServers {
  /** Takes a new configuration: servers added are started, changed ones restarted, removed ones stopped. */
  configure(servers: Readonly<Record<string, McpServerConfig>>): void;
  /** The tools of every connected server, after waiting (bounded) for servers still starting. */
  tools(signal: AbortSignalLike): Promise<McpToolInfo[]>;
  /**
   * Calls a tool. Never throws and never outlives its timeout or the signal: a dead or failed server gives
   * an error result saying so (a dead stdio server is restarted first, a bounded number of times).
   */
  call(server: string, tool: string, args: Record<string, unknown>, signal: AbortSignalLike): Promise<McpCallResult>;
  status(): McpServerStatus[];
  /** Called whenever a server's state changes (connected, failed, died, restarted). */
  onStatusChange(listener: (servers: McpServerStatus[]) => void): void;
  close(): Promise<void>;
}

/** For an engine built without any (tests, the cloud task server before it is configured): no servers. */
export const NO_MCP_SERVERS: McpServers = {
  configure: () => undefined,
  tools: async () => [],
  call: async (server) => ({ text: `No MCP server named '${server}' is configured.`, isError: true }),
  status: () => [],
  onStatusChange: () => undefined,
  close: async () => undefined,
};
