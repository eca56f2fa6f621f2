// The McpServers port on Node: one McpConnection per configured server. A stdio server runs in the
// workspace folder (unless its entry says otherwise) with the environment commands get — the cloud
// credentials and the engine's own variables left out — plus the variables its entry sets, inside the
// command sandbox where there is one (NodeShell.wrapServer: it writes only in the workspace folders, /tmp
// and the package caches, and cannot read credentials or the engine's files; it has the network). An
// HTTP server gets the headers of its entry, whose values are registered as secrets so that a token
// never reaches a log, the views or the audit log; one that asks for OAuth signs in through the front end
// (mcp-oauth.ts).
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { McpCallResult, McpServers, McpToolInfo } from '../../core/ports/mcp';
import type { McpServerConfig, McpServerStatus } from '../../protocol';
import { registerSecret } from '../../shared';
import { commandEnvironment } from '../node-shell';
import { McpConnection } from './mcp-connection';
import { type McpOAuthFrontEnd, McpOAuthProvider } from './mcp-oauth';
import { substituteVariables } from './mcp-variables';

/** How long the start of a turn waits for servers still starting before it goes on without their tools. */
const TOOLS_WAIT_MS = 15_000;

/** argv of a stdio server as it runs (inside the sandbox when there is one): NodeShell.wrapServer. */
export type ServerLauncher = (command: string[], cwd: string, workspaceRoots: readonly string[], env: NodeJS.ProcessEnv) => Promise<{ command: { file: string; args: string[] } }>;

export interface NodeMcpServersOptions {
  /** The workspace folder (the first, when there are several): a stdio server's default working folder and `${workspaceFolder}`. */
  root: string;
  /** Every workspace folder: where a sandboxed server may write. Default: [root]. */
  roots?: readonly string[];
  /** Starts stdio servers in the sandbox; without it they run unconfined (tests of the client alone). */
  launch?: ServerLauncher;
  /** The engine's environment (the cloud credentials are taken out of it for a server). */
  env: NodeJS.ProcessEnv;
  clientVersion: string;
  /** Answers an HTTP server's OAuth sign-in (the browser, SecretStorage); without it a 401 is a failure. */
  oauth?: McpOAuthFrontEnd;
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
      // An HTTP server gets the SDK's OAuth flow when a front end can answer for it (its own per server).
      const oauth = config.type === 'http' && this.o.oauth ? new McpOAuthProvider(name, config.url, this.o.oauth) : undefined;
      this.connections.set(
        name,
        new McpConnection(name, config, {
          transport: (c) => this.transport(c, oauth),
          clientVersion: this.o.clientVersion,
          onChange: () => this.changed(),
          ...(oauth
            ? {
                signIn: async (transport) => {
                  if (!(transport instanceof StreamableHTTPClientTransport)) throw new Error('OAuth needs an HTTP server');
                  await transport.finishAuth(await oauth.signIn());
                },
                signInOver: () => oauth.finish(),
              }
            : {}),
        }),
      );
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

  private async transport(config: Exclude<McpServerConfig, { type: 'invalid' }>, oauth: McpOAuthProvider | undefined) {
    const vars = { workspaceFolder: this.o.root, env: this.o.env };
    if (config.type === 'http') {
      const headers = Object.fromEntries(Object.entries(config.headers).map(([k, v]) => [k, substituteVariables(v, vars)]));
      for (const value of Object.values(headers)) registerSecret(value);
      if (oauth) await oauth.load();
      return new StreamableHTTPClientTransport(new URL(substituteVariables(config.url, vars)), { requestInit: { headers }, ...(oauth ? { authProvider: oauth } : {}) });
    }
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(commandEnvironment(this.o.env, false))) if (v !== undefined) env[k] = v;
    for (const [k, v] of Object.entries(config.env)) env[k] = substituteVariables(v, vars);
    const cwd = config.cwd ? path.resolve(this.o.root, substituteVariables(config.cwd, vars)) : this.o.root;
    let command = substituteVariables(config.command, vars);
    let args = config.args.map((a) => substituteVariables(a, vars));
    if (this.o.launch) {
      // Inside the sandbox a missing command or folder is bwrap's error, not spawn's: checked first, so
      // the server is reported as spawn would (ENOENT: no such command).
      if (!existsSync(cwd) || !findCommand(command, cwd, env.PATH)) throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' });
      // (wrapServer sets TMPDIR in env for the sandbox's private /tmp.)
      const wrapped = (await this.o.launch([command, ...args], cwd, this.o.roots ?? [this.o.root], env)).command;
      command = wrapped.file;
      args = wrapped.args;
    }
    return new StdioClientTransport({ command, args, env, cwd, stderr: 'pipe' });
  }
}

/** Whether `command` names an executable: a path (relative to cwd) or a name on PATH, as spawn finds it. */
function findCommand(command: string, cwd: string, searchPath: string | undefined): boolean {
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (command.includes('/')) return executable(path.resolve(cwd, command));
  return (searchPath ?? '').split(path.delimiter).some((dir) => dir !== '' && executable(path.join(path.resolve(cwd, dir), command)));
}
