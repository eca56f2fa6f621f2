// A finished task's result, checked before anyone sees its patch: the audit log must verify with the key
// the dispatcher kept (hash chain, HMAC, head anchor) and must be this task's — its first record names
// the task and the base the patch is against. Then the patch applies only to a workspace that still
// matches that base, or through a three-way merge when asked; otherwise a refusal naming what changed.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAuditLine, verifyAuditText } from '../../core/audit';
import { nodeHasher } from '../node-hasher';
import type { CloudTaskResult } from '../../protocol';
import { git, GitError } from '../git/git-run';
import { worktreeTree } from '../git/snapshot';

export type AuditCheck = { ok: true; records: number } | { ok: false; message: string };

/**
 * `taskRecord`: the log must open with the server's cloudTask record naming this task and its base
 * (crosswind serve writes it; a GitHub Actions run's log is crosswind exec's own and has none).
 */
export function checkTaskAudit(result: CloudTaskResult, key: string | undefined, options: { taskRecord: boolean } = { taskRecord: true }): AuditCheck {
  if (!result.audit || !result.auditHead) return { ok: false, message: 'the result carries no audit log, so its patch cannot be trusted' };
  const useKey = key ?? result.auditKey;
  if (!useKey) return { ok: false, message: 'no audit key to verify the log with (the task record has none and the server sent none)' };
  const v = verifyAuditText(result.audit, nodeHasher, { key: useKey, head: result.auditHead });
  if (!v.ok) return { ok: false, message: `the audit log does not verify: ${v.problem} — ${v.message}` };
  if (!options.taskRecord) return { ok: true, records: v.records };
  const first = parseAuditLine(result.audit.split('\n')[0] ?? '');
  const e = first.ok ? first.record.event : undefined;
  if (!e || e.type !== 'cloudTask' || e.taskId !== result.taskId) return { ok: false, message: `the audit log is not task ${result.taskId}'s (its first record does not name it)` };
  if (!result.base || e.baseTree !== result.base.tree || e.baseCommit !== result.base.commit) return { ok: false, message: 'the audit log names another base than the patch is against' };
  return { ok: true, records: v.records };
}

/** The patch as bytes, whichever encoding it travelled in. */
export function patchBytes(result: CloudTaskResult): Buffer | undefined {
  if (result.patch === null) return undefined;
  return result.patchEncoding === 'base64' ? Buffer.from(result.patch, 'base64') : Buffer.from(result.patch, 'utf8');
}

export type ApplyOutcome =
  | { applied: true; how: 'clean' | '3way'; files: string[] }
  | { applied: false; reason: string; changed?: string[]; conflicts?: string };

async function withPatchFile<T>(bytes: Buffer, run: (file: string) => Promise<T>): Promise<T> {
  const file = path.join(os.tmpdir(), `crosswind-task-${process.pid}-${randomBytes(4).toString('hex')}.patch`);
  await fs.writeFile(file, bytes, { mode: 0o600 });
  try {
    return await run(file);
  } finally {
    await fs.rm(file, { force: true });
  }
}

async function changedSinceBase(workspace: string, baseTree: string, current: string): Promise<string[] | undefined> {
  try {
    return (await git(['diff', '--name-only', '--no-renames', baseTree, current], { cwd: workspace })).split('\n').filter(Boolean);
  } catch {
    return undefined; // the base's objects are not here (a task started from a URL)
  }
}

export async function applyTaskPatch(workspace: string, bytes: Buffer, base: { tree: string }, options: { threeWay: boolean }): Promise<ApplyOutcome> {
  const current = await worktreeTree(workspace);
  return withPatchFile(bytes, async (file) => {
    const files = (await git(['apply', '--numstat', file], { cwd: workspace })).split('\n').filter(Boolean).map((l) => l.split('\t')[2]!);
    if (current === base.tree) {
      // git apply is all or nothing: a patch that does not apply in full changes no file.
      await git(['apply', '--binary', '--whitespace=nowarn', file], { cwd: workspace });
      return { applied: true, how: 'clean', files };
    }
    const changed = await changedSinceBase(workspace, base.tree, current);
    if (!options.threeWay) {
      return {
        applied: false,
        reason: 'the workspace has changed since the task started, so its patch was not applied (--3way merges it into your changes instead)',
        ...(changed ? { changed } : {}),
      };
    }
    try {
      await git(['apply', '--3way', '--binary', '--whitespace=nowarn', file], { cwd: workspace });
      return { applied: true, how: '3way', files };
    } catch (e) {
      const stderr = e instanceof GitError ? e.stderr.trim() : String(e);
      return { applied: false, reason: 'the three-way merge left conflicts: resolve them (git status shows where), or undo with git checkout', conflicts: stderr, ...(changed ? { changed } : {}) };
    }
  });
}
