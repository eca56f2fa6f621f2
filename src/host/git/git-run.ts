// git as a child process, for cloud tasks (bundling the dispatcher's work, checking out a task's repository,
// diffing its result). Never a shell: argv only. Never interactive: no terminal prompt for credentials, no
// pager. Output is bounded and a run can be aborted (a cancelled task stops its clone).
import { spawn } from 'node:child_process';

export interface GitOptions {
  cwd: string;
  /** Added to the process environment (GIT_INDEX_FILE for a scratch index, identities for commit-tree). */
  env?: NodeJS.ProcessEnv;
  /** The base environment (default: process.env). */
  baseEnv?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Largest stdout kept, in bytes (default 256 MB: a binary diff of a large change). */
  maxBytes?: number;
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

const DEFAULT_MAX = 256 * 1024 * 1024;

/** Runs `git args…`; resolves with stdout as bytes; rejects with a GitError naming the command and git's message. */
export function gitBytes(args: string[], opts: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const env = { ...(opts.baseEnv ?? process.env), ...opts.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' };
    const child = spawn('git', args, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...(opts.signal ? { signal: opts.signal } : {}) });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let overflow = false;
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > (opts.maxBytes ?? DEFAULT_MAX)) {
        overflow = true;
        child.kill('SIGKILL');
        return;
      }
      chunks.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 16_384) stderr += d.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.name === 'AbortError') reject(new GitError('git was stopped: the task was cancelled', null, stderr));
      else reject(new GitError(e.code === 'ENOENT' ? 'git is not installed (not found on PATH)' : `git could not start: ${e.message}`, null, stderr));
    });
    child.on('close', (code) => {
      if (overflow) return reject(new GitError(`git ${args[0]} printed more than ${Math.round((opts.maxBytes ?? DEFAULT_MAX) / 1048576)} MB`, code, stderr));
      if (code !== 0) return reject(new GitError(`git ${args[0]} failed: ${stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${code}`}`, code, stderr));
      resolve(Buffer.concat(chunks));
    });
  });
}

/** Runs `git args…` and returns stdout as text, trimmed of its final newline. */
export async function git(args: string[], opts: GitOptions): Promise<string> {
  return (await gitBytes(args, opts)).toString('utf8').replace(/\n$/, '');
}
