// A working tree as git sees it, without touching it: every file git would track (committed, staged,
// changed, new and not ignored) written as a tree object through a scratch index. The user's index, HEAD
// and files are left exactly as they were. Both ends of a cloud task use it: the dispatcher to capture
// "HEAD plus uncommitted changes" and later to ask "does the workspace still match the task's base?",
// the server to diff the task's final files against the base.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { git, type GitOptions } from './git-run';

/** Who a commit made by Crosswind (a snapshot) is by: not the user, whose name it would borrow. */
const SNAPSHOT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Crosswind',
  GIT_AUTHOR_EMAIL: 'crosswind@localhost',
  GIT_COMMITTER_NAME: 'Crosswind',
  GIT_COMMITTER_EMAIL: 'crosswind@localhost',
};

type Opts = Pick<GitOptions, 'signal' | 'baseEnv'>;

export async function gitDir(repo: string, opts: Opts = {}): Promise<string> {
  return git(['rev-parse', '--absolute-git-dir'], { cwd: repo, ...opts });
}

/** The tree id of the working tree's files as `git add -A` would stage them. */
export async function worktreeTree(repo: string, opts: Opts = {}): Promise<string> {
  const dir = await gitDir(repo, opts);
  const scratch = path.join(dir, `crosswind-index-${process.pid}-${randomBytes(4).toString('hex')}`);
  // Starting from the real index keeps its stat cache (fast on big trees) and its tracked-but-ignored files.
  await fs.copyFile(path.join(dir, 'index'), scratch).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  try {
    const env = { GIT_INDEX_FILE: scratch };
    // No fsmonitor: a repository's config must not make this run a program.
    await git(['-c', 'core.fsmonitor=false', 'add', '-A', '--', '.'], { cwd: repo, env, ...opts });
    return await git(['write-tree'], { cwd: repo, env, ...opts });
  } finally {
    await fs.rm(scratch, { force: true });
  }
}

export async function headCommit(repo: string, opts: Opts = {}): Promise<string | undefined> {
  try {
    return await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: repo, ...opts });
  } catch {
    return undefined; // an empty repository: no commit yet
  }
}

export interface Snapshot {
  commit: string;
  tree: string;
  /** The HEAD it was taken on (undefined in a repository with no commit). */
  head?: string;
}

/**
 * A commit holding the working tree's files, kept under `ref` so that git keeps its objects (a later
 * three-way apply needs the base's blobs). With `history`, its parent is HEAD; without, it stands alone,
 * so a bundle of it carries the files and nothing else.
 */
export async function snapshotCommit(repo: string, ref: string, options: Opts & { history: boolean; message: string }): Promise<Snapshot> {
  const tree = await worktreeTree(repo, options);
  const head = await headCommit(repo, options);
  const parents = options.history && head ? ['-p', head] : [];
  const commit = await git(['commit-tree', tree, ...parents, '-m', options.message], { cwd: repo, env: SNAPSHOT_IDENTITY, ...options });
  await git(['update-ref', ref, commit], { cwd: repo, ...options });
  return { commit, tree, ...(head ? { head } : {}) };
}
