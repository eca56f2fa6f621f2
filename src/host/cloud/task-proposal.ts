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

export async function proposalForWorkspace(workspace: string, bytes: Buffer, base: { tree: string }): Promise<TaskProposal> {
  return scratch(async (dir) => {
    const file = path.join(dir, 'task.patch');
    await fs.writeFile(file, bytes, { mode: 0o600 });
    const files = (await git(['apply', '--numstat', file], { cwd: workspace })).split('\n').filter(Boolean).map((l) => l.split('\t')[2]!);
    const current = await worktreeTree(workspace);
    let changed: string[];
    try {
      changed = (await git(['diff', '--name-only', '--no-renames', base.tree, current, '--', ...files], { cwd: workspace })).split('\n').filter(Boolean);
    } catch {
      return { kind: 'refused', reason: "the task's base is not in this repository any more, so it cannot be compared with your files", changed: [] };
    }
    if (changed.length === 0) return { kind: 'clean', input: bytes.toString('utf8'), files };
    const env = { GIT_INDEX_FILE: path.join(dir, 'index') };
    await git(['read-tree', current], { cwd: workspace, env });
    try {
      await git(['apply', '--3way', '--cached', '--binary', '--whitespace=nowarn', file], { cwd: workspace, env });
      const merged = await git(['write-tree'], { cwd: workspace, env });
      const input = (await gitBytes(['diff', '--binary', '--no-renames', current, merged, '--', ...files], { cwd: workspace })).toString('utf8');
      return { kind: 'merged', input, files, changed };
    } catch (e) {
      const detail = e instanceof GitError ? e.stderr.trim().split('\n')[0] : undefined;
      return { kind: 'refused', reason: `your changes to ${changed.join(', ')} since the task started conflict with the task's${detail ? ` (${detail})` : ''}`, changed };
    }
  });
}
