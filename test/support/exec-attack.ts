// A hostile model against the real `crosswind exec`: a spawned CLI (from source, through tsx) working in
// a temp folder, talking to a loopback Bedrock that plays a script of tool calls. The run's JSON events
// say what the engine decided about each call; the files on disk say what a command really managed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCloud, type Cloud } from './engine-harness';
import type { ScriptEntry } from './scripted-model';

const ROOT = path.resolve(__dirname, '../..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
export const CLI = path.join(ROOT, 'src/cli/cli.ts');

export interface ExecRun {
  code: number;
  stdout: string;
  stderr: string;
  events: Array<{ type: string; [k: string]: unknown }>;
}

export interface CommandItem {
  command: string[];
  status: string;
  output: string;
  exitCode?: number | null;
  approval?: { decision: string; by: string; reason?: string };
}

/** A temp folder with a workspace (`repo`), a home, a state folder, and the Bedrock credentials of a loopback cloud. */
export class AttackLab {
  readonly dir: string;
  readonly repo: string;
  readonly home: string;
  readonly outside: string;
  env: Record<string, string>;
  private constructor(
    readonly cloud: Cloud,
    dir: string,
  ) {
    this.dir = dir;
    this.repo = path.join(dir, 'repo');
    this.home = path.join(dir, 'home');
    this.outside = path.join(dir, 'outside');
    for (const d of [this.repo, this.home, this.outside]) fs.mkdirSync(d, { recursive: true });
    this.env = { ...cloud.env, HOME: this.home, XDG_STATE_HOME: path.join(dir, 'state'), AWS_REGION: 'us-east-1' };
  }

  static async start(): Promise<AttackLab> {
    const cloud = await startCloud('bedrock');
    // Not under /tmp: the Linux sandbox gives each command a fresh /tmp, which would hide a home kept
    // there whether or not the sandbox hides credential folders on purpose.
    const base = process.platform === 'linux' && fs.existsSync('/var/tmp') ? '/var/tmp' : os.tmpdir();
    return new AttackLab(cloud, fs.mkdtempSync(path.join(base, 'cw-attack-')));
  }

  get secretAccessKey(): string {
    return this.env.AWS_SECRET_ACCESS_KEY!;
  }

  flags(json = true): string[] {
    const p = this.cloud.profile as { model: string; endpoint?: string };
    return ['--provider', 'bedrock', '--model', p.model, '--region', 'us-east-1', '--endpoint', p.endpoint!, '--cwd', this.repo, ...(json ? ['--json'] : [])];
  }

  /** One response calling `shell` once per command (in order), then a closing answer. */
  scriptCommands(commands: string[][]): void {
    const entries: ScriptEntry[] = commands.map((command, i) => ({ steps: [{ type: 'toolCall', name: 'shell', input: { command, timeout_ms: 20_000 }, callId: `call_${i}` }] }));
    this.cloud.script([...entries, { steps: [{ type: 'text', text: 'Done.' }] }]);
  }

  exec(args: string[], opts: { env?: Record<string, string>; onSpawn?: (child: ChildProcess) => void; timeoutMs?: number; human?: boolean } = {}): Promise<ExecRun> {
    return new Promise((resolve, reject) => {
      // CROSSWIND_CLI_BUNDLE=dist/cli.js runs the same attacks against the bundled CLI (wasm beside it).
      const bundle = process.env.CROSSWIND_CLI_BUNDLE;
      const entry = bundle ? [path.resolve(bundle)] : ['--import', TSX, CLI];
      const child = spawn(process.execPath, [...entry, 'exec', ...this.flags(!opts.human), ...args], {
        cwd: this.dir,
        env: { PATH: process.env.PATH ?? '', ...this.env, ...opts.env },
      });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`crosswind exec did not end within ${opts.timeoutMs ?? 90_000} ms\n${stderr}`));
      }, opts.timeoutMs ?? 90_000);
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => {
        clearTimeout(timer);
        const events = stdout
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as ExecRun['events'][number]);
        resolve({ code: code ?? -1, stdout, stderr, events });
      });
      opts.onSpawn?.(child);
    });
  }

  /** The completed command items of a run, in order. */
  static commands(run: ExecRun): CommandItem[] {
    return run.events.filter((e) => e.type === 'item.completed' && (e.item as { type: string }).type === 'commandExecution').map((e) => e.item as CommandItem);
  }

  read(rel: string): string | undefined {
    try {
      return fs.readFileSync(path.join(this.repo, rel), 'utf8');
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.cloud.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether bubblewrap can sandbox commands on this machine (scripts/ensure-tools.sh installs it). */
export function bubblewrapWorks(): boolean {
  if (process.platform !== 'linux') return false;
  const r = spawnSync('bwrap', ['--unshare-all', '--cap-drop', 'ALL', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', 'true'], { stdio: 'ignore' });
  return r.status === 0;
}
