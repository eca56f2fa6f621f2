// The McpServers port on Node: one McpConnection per configured server. A stdio server runs in the
// workspace folder (unless its entry says otherwise) with the environment commands get — the cloud
// credentials and the engine's own variables left out — plus the variables its entry sets; it is not
// run inside the command sandbox. An HTTP server gets the headers of its entry, whose values are
// registered as secrets so that a token never reaches a log, the views or the audit log.
import path from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { McpCallResult, McpServers, McpToolInfo } from '../../core/ports/mcp';
import type { McpServerConfig, McpServerStatus } from '../../protocol';
import { registerSecret } from '../../shared';
import { commandEnvironment } from '../node-shell';
import { McpConnection } from './mcp-connection';
import { substituteVariables } from './mcp-variables';

/** How long the start of a turn waits for servers still starting before it goes on without their tools. */
const TOOLS_WAIT_MS = 15_000;

export interface NodeMcpServersOptions {
  /** The workspace folder: a stdio server's default working folder and `${workspaceFolder}`. */
  root: string;
  /** The engine's environment (the cloud credentials are taken out of it for a server). */
  env: NodeJS.ProcessEnv;
  clientVersion: string;
}

export class NodeMcpServers implements McpServers {
  private readonly connections = new Map<string, McpConnection>();
  private readonly listeners: ((servers: McpServerStatus[]) => void)[] = [];

  constructor(private readonly o: NodeMcpServersOptions) {}

  configure(servers: Readonly<Record<string, McpServerConfig>>): void {
    // Settings arrive again on every change to any of them: only a server whose entry changed is touched,
    // and nothing is announced when none did.
    let removed = false;
    for (const [name, conn] of this.connections) {
      if (JSON.stringify(servers[name]) === JSON.stringify(conn.config)) continue;
      this.connections.delete(name);
      removed = true;
      void conn.close();
    }
    let added = false;
    for (const [name, config] of Object.entries(servers)) {
      if (this.connections.has(name)) continue;
      added = true;
      this.connections.set(name, new McpConnection(name, config, { transport: (c) => this.transport(c), clientVersion: this.o.clientVersion, onChange: () => this.changed() }));
    }
    // (A new connection announces its start before it is in the map: the whole list follows here.)
    if (removed || added) this.changed();
  }

  async tools(signal: AbortSignalLike): Promise<McpToolInfo[]> {
    const lists = await Promise.all([...this.connections.values()].map((c) => c.listTools(TOOLS_WAIT_MS, signal)));
    return lists.flat();
  }

  async call(server: string, tool: string, args: Record<string, unknown>, signal: AbortSignalLike): Promise<McpCallResult> {
    const conn = this.connections.get(server);
    if (!conn) return { text: `No MCP server named '${server}' is configured.`, isError: true };
    return conn.call(tool, args, signal);
  }

  status(): McpServerStatus[] {
    return [...this.connections.values()].map((c) => c.status());
  }

  onStatusChange(listener: (servers: McpServerStatus[]) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((c) => c.close()));
  }

  private changed(): void {
    const servers = this.status();
    for (const l of this.listeners) l(servers);
  }

  private transport(config: Exclude<McpServerConfig, { type: 'invalid' }>) {
    const vars = { workspaceFolder: this.o.root, env: this.o.env };
    if (config.type === 'http') {
      const headers = Object.fromEntries(Object.entries(config.headers).map(([k, v]) => [k, substituteVariables(v, vars)]));
      for (const value of Object.values(headers)) registerSecret(value);
      return new StreamableHTTPClientTransport(new URL(substituteVariables(config.url, vars)), { requestInit: { headers } });
    }
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(commandEnvironment(this.o.env, false))) if (v !== undefined) env[k] = v;
    for (const [k, v] of Object.entries(config.env)) env[k] = substituteVariables(v, vars);
    const cwd = config.cwd ? path.resolve(this.o.root, substituteVariables(config.cwd, vars)) : this.o.root;
    return new StdioClientTransport({
      command: substituteVariables(config.command, vars),
      args: config.args.map((a) => substituteVariables(a, vars)),
      env,
      cwd,
      stderr: 'pipe',
    });
  }
}
