// The `crosswind` command as a user runs it, for the CLI tests: a real Node process on src/cli/cli.ts
// (through tsx), its exit code and output, and when it wrote each line and when it exited — so a test
// can say how long the process outlived the turn it ran.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../../..');
/** tsx by absolute URL: the CLI may run with its cwd in a temp folder, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
/** Every run is bounded: a CLI that never exits fails its test instead of holding the suite. */
const KILL_AFTER_MS = 45_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** performance.now() when each stdout line arrived. */
  stdoutLines: { text: string; at: number }[];
  exitedAt: number;
}

export function runCli(args: string[], options: { env: Record<string, string>; cwd?: string; input?: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/cli/cli.ts'), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', ...options.env },
    });
    const kill = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    let stdout = '';
    let stderr = '';
    let partial = '';
    const stdoutLines: CliRun['stdoutLines'] = [];
    child.stdout.on('data', (d: Buffer) => {
      const at = performance.now();
      stdout += d.toString();
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) stdoutLines.push({ text, at });
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let exitedAt = 0;
    child.on('exit', () => (exitedAt = performance.now()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code: code ?? -1, stdout, stderr, stdoutLines, exitedAt });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** How many times `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
