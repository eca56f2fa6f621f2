// A verified cloud task's patch, made ready for review in the editor — never written to the user's files
// here. If none of the files it touches changed since the task's base, the proposal is the patch itself.
// If some did, git merges the task's change into the current files the way `git apply --3way` does, but
// into a scratch index (the user's index and files are untouched): a clean merge becomes a proposal from
// the files as they are now to the merged text; a conflict is a refusal naming the files that changed.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git, gitBytes, GitError } from '../git/git-run';
import { worktreeTree } from '../git/snapshot';

export type TaskProposal =
  | { kind: 'clean'; input: string; files: string[] }
  | { kind: 'merged'; input: string; files: string[]; changed: string[] }
  | { kind: 'refused'; reason: string; changed: string[] };

async function scratch<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = path.join(os.tmpdir(), `crosswind-proposal-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(dir, { mode: 0o700 });
  try {
    return await run(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * `repo`: the repository's top folder (where the task's paths start); `folder`: the workspace folder the
 * editor's engine works in, the same or a folder inside it — the proposal's paths are relative to it, and
 * a patch that changes files outside it is refused. `folderName`: in a multi-root workspace, the folder's
 * name, which starts every engine path (the proposal's paths get it too).
 */
export async function proposalForWorkspace(repo: string, folder: string, bytes: Buffer, base: { tree: string }, folderName?: string): Promise<TaskProposal> {
  // git names the top folder by its real path: a folder opened through a symlink must be compared as one.
  const prefix = path.relative(repo, await fs.realpath(folder).catch(() => folder)).split(path.sep).join('/');
  const inFolder = (p: string) => (prefix ? p.slice(prefix.length + 1) : p);
  return scratch(async (dir) => {
    const file = path.join(dir, 'task.patch');
    await fs.writeFile(file, bytes, { mode: 0o600 });
    const files = (await git(['apply', '--numstat', file], { cwd: repo })).split('\n').filter(Boolean).map((l) => l.split('\t')[2]!);
    const outside = prefix ? files.filter((f) => !f.startsWith(`${prefix}/`)) : [];
    if (outside.length) return { kind: 'refused', reason: `the task changed files outside this workspace folder (${outside.join(', ')}): take its patch with crosswind cloud result from a terminal`, changed: [] };
    const current = await worktreeTree(repo);
    let changed: string[];
    try {
      changed = (await git(['diff', '--name-only', '--no-renames', base.tree, current, '--', ...files], { cwd: repo })).split('\n').filter(Boolean).map(inFolder);
    } catch {
      return { kind: 'refused', reason: "the task's base is not in this repository any more, so it cannot be compared with your files", changed: [] };
    }
    // The task's change laid over the files as they are now, in a scratch index: where none of its files
    // changed since the base this is the patch itself; where some did, git's three-way merge.
    const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
    await git(['read-tree', current], { cwd: repo, env });
    try {
      await git(['apply', '--3way', '--cached', '--binary', '--whitespace=nowarn', file], { cwd: repo, env });
    } catch (e) {
      const detail = e instanceof GitError ? e.stderr.trim().split('\n')[0] : undefined;
      if (!changed.length) return { kind: 'refused', reason: `the patch does not apply to the files it was made from${detail ? ` (${detail})` : ''}`, changed };
      return { kind: 'refused', reason: `your changes to ${changed.join(', ')} since the task started conflict with the task's${detail ? ` (${detail})` : ''}`, changed };
    }
    const merged = await git(['write-tree'], { cwd: repo, env });
    const named = folderName ? [`--src-prefix=a/${folderName}/`, `--dst-prefix=b/${folderName}/`] : [];
    const input = (await gitBytes(['diff', '--binary', '--no-renames', ...named, ...(prefix ? [`--relative=${prefix}`] : []), current, merged], { cwd: repo })).toString('utf8');
    const shown = files.map(inFolder);
    return changed.length ? { kind: 'merged', input, files: shown, changed } : { kind: 'clean', input, files: shown };
  });
}
