// The shell port on Node: runs argv in its own process group (so a timeout or an interrupt ends the
// whole tree), keeps the head and the tail of the output within a byte budget, and leaves the cloud
// credentials out of the environment unless the user allowed them.
import { spawn } from 'node:child_process';
import { isCloudCredentialEnv, type Shell, type ShellRequest, type ShellResult } from '../core/ports/shell';

const KILL_GRACE_MS = 2000;

/** The environment a command sees: ours, minus cloud credentials (unless allowed), never paging. */
export function commandEnvironment(base: NodeJS.ProcessEnv, passCloudCredentials: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    if (!passCloudCredentials && isCloudCredentialEnv(k)) continue;
    // Our own engine plumbing is not the command's business.
    if (k.startsWith('CROSSWIND_') || k === 'ELECTRON_RUN_AS_NODE' || k.startsWith('VSCODE_')) continue;
    env[k] = v;
  }
  return { ...env, PAGER: 'cat', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', NO_COLOR: '1', CI: env.CI ?? '1' };
}

/** Keeps the first and last `max/2` bytes of a stream, counting what it drops in between. */
class BoundedOutput {
  private head = '';
  private tail = '';
  private dropped = 0;
  constructor(private readonly max: number) {}

  push(chunk: string): void {
    const half = Math.floor(this.max / 2);
    if (this.head.length < half) {
      const take = chunk.slice(0, half - this.head.length);
      this.head += take;
      chunk = chunk.slice(take.length);
    }
    if (!chunk) return;
    const combined = this.tail + chunk;
    if (combined.length > half) {
      this.dropped += combined.length - half;
      this.tail = combined.slice(combined.length - half);
    } else this.tail = combined;
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  text(): string {
    return this.dropped ? `${this.head}\n[… ${this.dropped} characters of output left out …]\n${this.tail}` : this.head + this.tail;
  }
}

export class NodeShell implements Shell {
  constructor(private readonly baseEnv: NodeJS.ProcessEnv = process.env) {}

  run(req: ShellRequest): Promise<ShellResult> {
    const started = Date.now();
    const out = new BoundedOutput(req.maxOutputBytes);
    return new Promise<ShellResult>((resolve) => {
      let timedOut = false;
      let settled = false;
      const [exe, ...args] = req.command;
      const child = spawn(exe!, args, {
        cwd: req.cwd,
        env: commandEnvironment(this.baseEnv, req.passCloudCredentials),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      const kill = () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const signalTree = (sig: NodeJS.Signals) => {
          try {
            if (child.pid && process.platform !== 'win32') process.kill(-child.pid, sig);
            else child.kill(sig);
          } catch {
            // already gone
          }
        };
        signalTree('SIGTERM');
        setTimeout(() => signalTree('SIGKILL'), KILL_GRACE_MS).unref();
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, req.timeoutMs);
      const onAbort = () => kill();
      req.signal?.addEventListener('abort', onAbort, { once: true });
      const onData = (d: Buffer) => {
        const s = d.toString('utf8');
        out.push(s);
        req.onOutput?.(s);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      const finish = (exitCode: number | null, signal: string | null, extra?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        if (extra) out.push(extra);
        resolve({ exitCode, signal, output: out.text(), timedOut, truncated: out.truncated, durationMs: Date.now() - started });
      };
      child.on('error', (e: NodeJS.ErrnoException) => {
        finish(null, null, e.code === 'ENOENT' ? `command not found: ${exe}` : `could not start ${exe}: ${e.message}`);
      });
      child.on('close', (code, signal) => finish(code, signal));
      if (req.signal?.aborted) kill();
    });
  }
}
