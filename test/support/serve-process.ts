// `crosswind serve` as AgentCore Runtime runs it: a plain process (src/cli/cli.ts through tsx), driven over
// HTTP on 127.0.0.1 — GET /ping, POST /invocations with the session header — and stopped with SIGTERM, as
// the runtime stops a session. Every wait is bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

export const SESSION_HEADER = 'X-Amzn-Bedrock-AgentCore-Runtime-Session-Id';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote on stderr so far. */
  stderr(): string;
  ping(): Promise<{ status: string; time_of_last_update: number }>;
  /** POST /invocations; the HTTP status and the parsed body. */
  invoke<T = Record<string, unknown>>(payload: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  /** SIGTERM, then SIGKILL if it has not exited within the bound; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `root`: the repository to run it from (default: this file's; the integration bundle lives elsewhere and passes the extension's folder). */
export async function startServe(options: { env: Record<string, string>; args?: string[]; cwd?: string; root?: string }): Promise<ServeProcess> {
  const root = options.root ?? ROOT;
  const tsx = options.root ? pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href : TSX;
  const child = spawn(process.execPath, ['--import', tsx, path.join(root, 'src/cli/cli.ts'), 'serve', '--host', '127.0.0.1', '--port', '0', ...(options.args ?? [])], {
    cwd: options.cwd ?? root,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let exited = false;
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
  child.stdout!.on('data', () => undefined);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`crosswind serve did not start within ${START_TIMEOUT_MS} ms:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`crosswind serve exited (${code}) before listening:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    async ping() {
      const r = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(10_000) });
      return (await r.json()) as { status: string; time_of_last_update: number };
    },
    async invoke<T>(payload: unknown, headers: Record<string, string> = {}) {
      const r = await fetch(`${url}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof payload === 'string' ? payload : JSON.stringify(payload),
        signal: AbortSignal.timeout(60_000),
      });
      return { status: r.status, body: (await r.json()) as T };
    },
    async stop() {
      if (exited) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls `check` every `everyMs` until it returns a value, at most `limitMs`. */
export async function waitUntil<T>(check: () => Promise<T | undefined>, limitMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
