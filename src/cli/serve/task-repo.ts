// A task's repository in a fresh folder: from the git bundle the dispatcher sent (HEAD plus its uncommitted
// changes, one ref) or fetched from a URL the runtime can read. The commit checked out is the task's base;
// the result is `git diff --binary` from it to whatever the task left in the folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CloudTaskRepo } from '../../protocol';
import { git, gitBytes, GitError } from '../../host/git/git-run';
import { worktreeTree } from '../../host/git/snapshot';

export class TaskInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskInputError';
  }
}

export interface TaskBase {
  commit: string;
  tree: string;
}

const BASE_REF = 'refs/crosswind/base';
/** URL forms git may fetch from: https, ssh (both spellings) and CodeCommit's git-remote-codecommit. */
const REMOTE_URL = /^(https:\/\/|ssh:\/\/|codecommit::|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:)/;

export interface CheckoutOptions {
  signal: AbortSignal;
  /** Also take file:// URLs and local paths (a mirror on the runtime's own disk; tests). */
  allowLocal: boolean;
}

async function initRepo(dir: string, signal: AbortSignal): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await git(['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: dir, signal });
}

async function checkoutBase(dir: string, signal: AbortSignal): Promise<TaskBase> {
  await git(['checkout', '-q', '--detach', BASE_REF], { cwd: dir, signal });
  const commit = await git(['rev-parse', `${BASE_REF}^{commit}`], { cwd: dir, signal });
  const tree = await git(['rev-parse', `${BASE_REF}^{tree}`], { cwd: dir, signal });
  return { commit, tree };
}

async function fromBundle(taskDir: string, repoDir: string, base64: string, signal: AbortSignal): Promise<TaskBase> {
  const bytes = Buffer.from(base64, 'base64');
  // git bundle files start with "# v2 git bundle" or "# v3 git bundle".
  if (!/^# v[23] git bundle\n/.test(bytes.subarray(0, 20).toString('latin1'))) {
    throw new TaskInputError('repo.bundle is not a base64 git bundle (make one with `git bundle create`, or let `crosswind cloud run` do it)');
  }
  const file = path.join(taskDir, 'repo.bundle');
  await fs.writeFile(file, bytes, { mode: 0o600 });
  await initRepo(repoDir, signal);
  let heads: string[];
  try {
    heads = (await git(['bundle', 'list-heads', file], { cwd: repoDir, signal })).split('\n').filter(Boolean);
  } catch (e) {
    throw new TaskInputError(`repo.bundle could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (heads.length !== 1) throw new TaskInputError(`repo.bundle must hold exactly one ref (the task's base); it holds ${heads.length}`);
  const ref = heads[0]!.split(' ')[1]!;
  try {
    await git(['fetch', '-q', file, `+${ref}:${BASE_REF}`], { cwd: repoDir, signal });
  } catch (e) {
    // A bundle that needs commits it does not carry (made with --not …) cannot be opened in a fresh folder.
    throw new TaskInputError(`repo.bundle could not be unpacked: ${e instanceof Error ? e.message : String(e)}`);
  }
  return checkoutBase(repoDir, signal);
}

async function fromUrl(repoDir: string, url: string, ref: string | undefined, opts: CheckoutOptions): Promise<TaskBase> {
  const local = url.startsWith('file://') || path.isAbsolute(url);
  if (url.startsWith('-') || (ref ?? '').startsWith('-')) throw new TaskInputError('repo.url and repo.ref may not start with "-"');
  if (local ? !opts.allowLocal : !REMOTE_URL.test(url)) {
    throw new TaskInputError(
      local
        ? 'repo.url names a local repository; this server takes those only when started with --allow-local-repos'
        : 'repo.url must be an https://, ssh:// (or user@host:path) or codecommit:: URL',
    );
  }
  await initRepo(repoDir, opts.signal);
  // Only these transports, whatever the URL says (no ext::, no fd::).
  const env = { GIT_ALLOW_PROTOCOL: ['https', 'ssh', 'codecommit', ...(opts.allowLocal ? ['file'] : [])].join(':') };
  try {
    await git(['fetch', '-q', '--depth=1', url, `+${ref ?? 'HEAD'}:${BASE_REF}`], { cwd: repoDir, signal: opts.signal, env });
  } catch (e) {
    throw new TaskInputError(`could not fetch ${ref ?? 'HEAD'} from ${url}: ${e instanceof GitError ? e.message : String(e)}`);
  }
  return checkoutBase(repoDir, opts.signal);
}

export async function checkoutTaskRepo(taskDir: string, repo: CloudTaskRepo, opts: CheckoutOptions): Promise<{ dir: string; base: TaskBase }> {
  const dir = path.join(taskDir, 'repo');
  const base = 'bundle' in repo ? await fromBundle(taskDir, dir, repo.bundle, opts.signal) : await fromUrl(dir, repo.url, repo.ref, opts);
  return { dir, base };
}

export interface TaskPatch {
  /** The diff as text, or base64 when it is not valid UTF-8 (a text file in another encoding). */
  text: string;
  encoding: 'utf8' | 'base64';
}

/** `git diff --binary` from the base to the folder's files now (new files included, ignored ones not); undefined when unchanged. */
export async function taskPatch(repoDir: string, base: TaskBase): Promise<TaskPatch | undefined> {
  const tree = await worktreeTree(repoDir);
  if (tree === base.tree) return undefined;
  const diff = await gitBytes(['diff', '--binary', '--full-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', base.commit, tree], { cwd: repoDir });
  const text = diff.toString('utf8');
  return Buffer.from(text, 'utf8').equals(diff) ? { text, encoding: 'utf8' } : { text: diff.toString('base64'), encoding: 'base64' };
}
