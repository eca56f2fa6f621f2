// The shell port on Node: runs argv inside the OS sandbox when there is one (sandbox/), in its own
// process group, and ends the whole tree when the command ends, times out or is interrupted — nothing it
// started in the background outlives it. Keeps the head and the tail of the output within a byte budget,
// and leaves the cloud credentials out of the environment unless the user allowed them.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isCloudCredentialEnv, type ParsedScript, type SandboxStatus, type Shell, type ShellRequest, type ShellResult } from '../core/ports/shell';
import { elidedNote } from '../shared/bounded-text';
import { BashParser } from './bash-parser';
import { detectSandbox, type SandboxDetection } from './sandbox/detect';
import { sandboxPolicy, type WrappedCommand } from './sandbox/sandbox-policy';

const KILL_GRACE_MS = 2000;
/** After the command exits, how long its output pipes may stay open (held by an escaped process) before we stop reading. */
const PIPE_DRAIN_MS = 1000;

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
    return this.dropped ? this.head + elidedNote(this.dropped) + this.tail : this.head + this.tail;
  }
}

export interface NodeShellOptions {
  /**
   * The OS sandbox: 'detect' (the default) finds bubblewrap or sandbox-exec; a detection result (or a
   * promise of one) is used as given — tests pass `{ sandbox: null, reason }` to run the unsandboxed path.
   */
  sandbox?: 'detect' | SandboxDetection | Promise<SandboxDetection>;
  /** The engine's own files and folders (state, audit log and its key): a sandboxed command cannot read them. */
  engineFiles?: readonly string[];
}

export class NodeShell implements Shell {
  private readonly detection: Promise<SandboxDetection>;
  private tempDir: string | undefined;
  private readonly parser = new BashParser();

  constructor(
    private readonly baseEnv: NodeJS.ProcessEnv = process.env,
    private readonly options: NodeShellOptions = {},
  ) {
    const s = options.sandbox ?? 'detect';
    this.detection = s === 'detect' ? detectSandbox({ env: baseEnv }) : Promise.resolve(s);
    // Found once, up front; a failure to look is "no sandbox", never a crash.
    this.detection.catch(() => undefined);
  }

  parse(script: string): Promise<ParsedScript> {
    return this.parser.parse(script);
  }

  async sandbox(): Promise<SandboxStatus> {
    const d = await this.detection.catch((e: unknown): SandboxDetection => ({ sandbox: null, reason: `the sandbox could not be checked (${e instanceof Error ? e.message : String(e)})` }));
    return d.sandbox ? { kind: d.sandbox.kind } : { kind: 'none', reason: d.reason };
  }

  /** argv as it runs: inside the sandbox when there is one. */
  private async launch(req: ShellRequest, env: NodeJS.ProcessEnv): Promise<WrappedCommand> {
    return (await this.wrapIn(req.command, req.cwd, { workspaceRoots: req.workspaceRoots, readOnlyPaths: req.readOnlyPaths, network: req.network }, env)).command;
  }

  /**
   * argv for a long-running tool server (an MCP stdio server): the confinement of a command — it writes
   * only in the workspace folders and a private folder in /tmp (the rest of /tmp read-only: its code may be
   * there), cannot read credentials or the engine's files — with the
   * network (servers call their APIs) and the package managers' caches writable (~/.npm, ~/.cache: an
   * `npx`/`uvx` server installs itself there). `sandboxed` false: there is no sandbox here.
   */
  async wrapServer(command: string[], cwd: string, workspaceRoots: readonly string[], env: NodeJS.ProcessEnv): Promise<{ command: WrappedCommand; sandboxed: boolean }> {
    const home = this.baseEnv.HOME || os.homedir();
    // The real /tmp stays readable (the server's own code may be there), a private folder in it writable.
    return this.wrapIn(command, cwd, { workspaceRoots, network: true, privateTmp: false, extraWritable: [path.join(home, '.npm'), path.join(home, '.cache')] }, env);
  }

  private async wrapIn(
    command: string[],
    cwd: string,
    o: { workspaceRoots: readonly string[]; readOnlyPaths?: readonly string[]; network: boolean; privateTmp?: boolean; extraWritable?: readonly string[] },
    env: NodeJS.ProcessEnv,
  ): Promise<{ command: WrappedCommand; sandboxed: boolean }> {
    const d = await this.detection.catch(() => ({ sandbox: null }) as const);
    const [exe, ...args] = command;
    if (!d.sandbox) return { command: { file: exe!, args }, sandboxed: false };
    const tempDir = d.sandbox.kind === 'bubblewrap' && o.privateTmp !== false ? '/tmp' : (this.tempDir ??= mkdtempSync(path.join(os.tmpdir(), 'crosswind-cmd-')));
    env.TMPDIR = tempDir;
    const policy = sandboxPolicy({
      workspaceRoots: o.workspaceRoots,
      ...(o.readOnlyPaths ? { readOnlyPaths: o.readOnlyPaths } : {}),
      network: o.network,
      tempDir,
      ...(o.privateTmp === false ? { privateTmp: false } : {}),
      ...(o.extraWritable ? { extraWritable: o.extraWritable } : {}),
      engineFiles: this.options.engineFiles ?? [],
      env: this.baseEnv,
    });
    return { command: d.sandbox.wrap(command, cwd, policy), sandboxed: true };
  }

  async run(req: ShellRequest): Promise<ShellResult> {
    const env = commandEnvironment(this.baseEnv, req.passCloudCredentials);
    const { file, args } = await this.launch(req, env);
    return this.spawnBounded(req, file, args, env);
  }

  private spawnBounded(req: ShellRequest, file: string, args: string[], env: NodeJS.ProcessEnv): Promise<ShellResult> {
    const started = Date.now();
    const out = new BoundedOutput(req.maxOutputBytes);
    const exe = req.command[0];
    return new Promise<ShellResult>((resolve) => {
      let timedOut = false;
      let settled = false;
      const child = spawn(file, args, {
        cwd: req.cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      const signalTree = (sig: NodeJS.Signals) => {
        try {
          if (child.pid && process.platform !== 'win32') process.kill(-child.pid, sig);
          else child.kill(sig);
        } catch {
          // already gone
        }
      };
      const kill = () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
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
      // The command is over: whatever it left running in its process group goes too (in the sandbox the
      // kernel has already ended its PID namespace). Output still buffered is read; a pipe held open by a
      // process that escaped the group (setsid) does not keep the call waiting.
      child.on('exit', (code, signal) => {
        signalTree('SIGKILL');
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish(code, signal);
        }, PIPE_DRAIN_MS).unref();
      });
      child.on('close', (code, signal) => finish(code, signal));
      if (req.signal?.aborted) kill();
    });
  }
}
