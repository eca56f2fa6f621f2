// One MCP server, on the SDK's client: started (a child process over stdio, or a streamable HTTP
// connection), its tools listed, its tools called — each call bounded by a timeout and ended by the
// turn's signal. A server that exits or drops its connection is marked failed with the reason (the last
// lines it wrote to stderr), and the next call starts it again, a bounded number of times.
import type { Readable } from 'node:stream';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { McpCallResult, McpToolInfo } from '../../core/ports/mcp';
import type { McpServerConfig, McpServerStatus } from '../../protocol';
import { resultText } from './mcp-result-text';

/** How long a server may take to start and answer `initialize` and `tools/list`. */
const CONNECT_TIMEOUT_MS = 30_000;
/** One call's default limit (a server entry's `timeout` overrides it). */
const DEFAULT_CALL_TIMEOUT_MS = 60_000;
/** Restarts after the first start, over the engine's life: a server that keeps dying stays failed. */
export const MAX_RESTARTS = 3;
/** The tail of a server's stderr kept to explain why it died. */
const STDERR_TAIL_CHARS = 2000;
/** Tool list pages followed at most (each page is one request). */
const MAX_TOOL_PAGES = 20;

export interface ConnectionEnv {
  /** Builds the transport (a stdio server's environment and folder are the host's to decide). */
  transport(config: Exclude<McpServerConfig, { type: 'invalid' }>): Transport | Promise<Transport>;
  /**
   * An HTTP server answered 401 and the SDK's OAuth flow wants the user to sign in: resolves once the
   * code is exchanged for tokens on `transport` (or rejects with the reason). Absent: no OAuth.
   */
  signIn?(transport: Transport): Promise<void>;
  /** The connection attempt is over (connected or failed): the sign-in's loopback listener can go. */
  signInOver?(): void;
  clientVersion: string;
  onChange(): void;
}

export class McpConnection {
  private state: McpServerStatus['status'] = 'starting';
  private error: string | undefined;
  private client: Client | undefined;
  private tools: McpToolInfo[] = [];
  private starting: Promise<void> | undefined;
  private restarts = 0;
  private stderrTail = '';
  private closed = false;
  private everConnected = false;

  constructor(
    readonly name: string,
    readonly config: McpServerConfig,
    private readonly env: ConnectionEnv,
  ) {
    if (config.type === 'invalid') this.fail(config.error);
    else this.starting = this.start();
  }

  status(): McpServerStatus {
    return { name: this.name, status: this.state, tools: this.state === 'connected' ? this.tools.map((t) => t.name) : [], ...(this.error ? { error: this.error } : {}) };
  }

  /**
   * The tools once connected; waits at most `waitMs` for a server still starting. A server that was
   * connected and died is started again here too (within the same bound as a call's restarts), so the
   * next turn offers its tools again; one that never started is not retried on every turn.
   */
  async listTools(waitMs: number, signal: AbortSignalLike): Promise<McpToolInfo[]> {
    if (this.state === 'failed' && this.everConnected && !this.closed && this.restarts < MAX_RESTARTS) {
      this.restarts++;
      this.starting = this.start();
    }
    if (this.starting) await raceWait(this.starting, waitMs, signal);
    return this.state === 'connected' ? this.tools : [];
  }

  async call(tool: string, args: Record<string, unknown>, signal: AbortSignalLike): Promise<McpCallResult> {
    if (this.config.type === 'invalid') return { text: `MCP server '${this.name}' is not usable: ${this.config.error}`, isError: true };
    if (this.state === 'failed') {
      if (this.restarts >= MAX_RESTARTS || this.closed) return { text: `MCP server '${this.name}' is not running: ${this.error ?? 'it failed'} (not restarted again after ${MAX_RESTARTS} restarts).`, isError: true };
      this.restarts++;
      this.starting = this.start();
    }
    if (this.starting) await raceWait(this.starting, CONNECT_TIMEOUT_MS, signal);
    if (signal.aborted) return { text: 'Not run: the turn was interrupted.', isError: true };
    const client = this.client;
    if (this.state !== 'connected' || !client) return { text: `MCP server '${this.name}' is not running: ${this.error ?? 'it is still starting'}.`, isError: true };
    const abort = new AbortController();
    const onAbort = () => abort.abort(new Error('interrupted'));
    signal.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = this.config.timeout ?? DEFAULT_CALL_TIMEOUT_MS;
    try {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, { signal: abort.signal, timeout: timeoutMs, maxTotalTimeout: timeoutMs });
      return { text: resultText(result), isError: result.isError === true };
    } catch (e) {
      if (signal.aborted) return { text: `The call of ${this.name}/${tool} was interrupted with the turn.`, isError: true };
      const message = e instanceof Error ? e.message : String(e);
      if (/timed out|timeout/i.test(message)) return { text: `${this.name}/${tool} did not answer within ${timeoutMs} ms; the call was abandoned.`, isError: true };
      // The connection closed under the call: the server died (its state says why, from its stderr).
      // (Read again: onclose may have marked the server failed while the call was waiting.)
      const state = this.state as McpServerStatus['status'];
      const again = this.restarts < MAX_RESTARTS ? 'It is started again on the next call.' : `It is not started again (${MAX_RESTARTS} restarts).`;
      const died = state === 'failed' ? ` The server is down (${this.error}). ${again}` : '';
      return { text: `${this.name}/${tool} failed: ${message}.${died}`, isError: true };
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.env.signInOver?.();
    const client = this.client;
    this.client = undefined;
    await client?.close().catch(() => undefined);
  }

  private async start(): Promise<void> {
    const config = this.config;
    if (config.type === 'invalid') return;
    this.state = 'starting';
    this.error = undefined;
    this.stderrTail = '';
    this.env.onChange();
    let connected = false;
    const newClient = () => {
      const c = new Client({ name: 'crosswind', version: this.env.clientVersion });
      c.onclose = () => {
        if (this.client !== c || this.closed) return;
        this.client = undefined;
        this.fail(connected ? `the server stopped${this.stderrNote()}` : `the server closed the connection while starting${this.stderrNote()}`);
      };
      return c;
    };
    let client = newClient();
    try {
      const transport = await this.env.transport(config);
      if (transport instanceof StdioClientTransport) this.keepStderr(transport.stderr as Readable | null);
      try {
        await client.connect(transport, { timeout: CONNECT_TIMEOUT_MS });
      } catch (e) {
        if (!(e instanceof UnauthorizedError) || !this.env.signIn) throw e;
        await client.close().catch(() => undefined);
        // The SDK's flow: connect fails after asking for the redirect; the code is exchanged on the same
        // transport, then a new connection carries the tokens.
        this.error = 'waiting for the OAuth sign-in in the browser';
        this.env.onChange();
        await this.env.signIn(transport);
        if (this.closed) return;
        this.error = undefined;
        client = newClient();
        await client.connect(await this.env.transport(config), { timeout: CONNECT_TIMEOUT_MS });
      }
      this.client = client;
      connected = true;
      this.tools = await this.fetchTools(client);
      if (this.closed) return void (await client.close());
      this.state = 'connected';
      this.everConnected = true;
      this.env.onChange();
    } catch (e) {
      await client.close().catch(() => undefined);
      if (this.client === client) this.client = undefined;
      this.fail(`${startFailure(config, e)}${this.stderrNote()}`);
    } finally {
      this.env.signInOver?.();
      this.starting = undefined;
    }
  }

  private async fetchTools(client: Client): Promise<McpToolInfo[]> {
    const tools: McpToolInfo[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_TOOL_PAGES; page++) {
      const r = await client.listTools(cursor ? { cursor } : undefined, { timeout: CONNECT_TIMEOUT_MS });
      for (const t of r.tools) tools.push({ server: this.name, name: t.name, description: t.description ?? t.title ?? '', inputSchema: t.inputSchema as Record<string, unknown> });
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    return tools;
  }

  private keepStderr(stream: Readable | null): void {
    stream?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
  }

  private stderrNote(): string {
    const lines = this.stderrTail.trim().split('\n').slice(-5).join('\n').trim();
    return lines ? `; its last output: ${lines}` : '';
  }

  private fail(error: string): void {
    this.state = 'failed';
    this.error = error;
    this.tools = [];
    this.env.onChange();
  }
}

function startFailure(config: Exclude<McpServerConfig, { type: 'invalid' }>, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (config.type === 'stdio') {
    if (/ENOENT/.test(message)) return `could not start '${config.command}': no such command (or its folder does not exist)`;
    return `could not start '${config.command}': ${message}`;
  }
  return `could not connect to ${config.url}: ${message}`;
}

/** Waits for `work`, at most `ms` and not past the signal; never rejects. */
async function raceWait(work: Promise<void>, ms: number, signal: AbortSignalLike): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      onAbort = resolve;
      signal.addEventListener('abort', onAbort, { once: true });
    }),
  ]);
  clearTimeout(timer);
  if (onAbort) signal.removeEventListener('abort', onAbort);
}
