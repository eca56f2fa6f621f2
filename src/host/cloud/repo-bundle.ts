// What `crosswind cloud run` sends: the workspace as a git bundle holding one commit — HEAD plus every
// uncommitted change (staged or not, new files that are not ignored) — without touching the user's
// index, branch or files. By default the commit stands alone (the files only, no history: small, and
// nothing of the history leaves the machine); --with-history makes HEAD its parent and sends the history
// too. Ignored files (.env, build output) are never sent. The size is checked before anything is sent.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from '../git/git-run';
import { snapshotCommit, type Snapshot } from '../git/snapshot';

/**
 * InvokeAgentRuntime takes payloads of up to 100 MB; base64 makes a bundle a third larger, and the JSON
 * around it is small: 64 MB of bundle is ~85 MB of payload.
 */
export const DEFAULT_MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

export class BundleTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly max: number,
    history: boolean,
  ) {
    super(
      `the repository bundle is ${(bytes / 1048576).toFixed(1)} MB, over the ${Number((max / 1048576).toFixed(2))} MB limit (AgentCore takes invocations of up to 100 MB, and base64 adds a third). ` +
        (history ? 'Leave out --with-history, ' : '') +
        'add large generated files to .gitignore, or let the runtime fetch the repository itself with --repo-url URL --ref REF.',
    );
    this.name = 'BundleTooLargeError';
  }
}

/** The ref a task's base snapshot is kept under (so its objects stay for a three-way apply later). */
export function taskBaseRef(taskId: string): string {
  return `refs/crosswind/cloud/${taskId}`;
}

export interface WorkspaceBundle {
  bytes: Buffer;
  snapshot: Snapshot;
}

export async function bundleWorkspace(repo: string, taskId: string, options: { history: boolean; maxBytes?: number }): Promise<WorkspaceBundle> {
  const ref = taskBaseRef(taskId);
  const snapshot = await snapshotCommit(repo, ref, { history: options.history, message: `crosswind cloud task ${taskId}: HEAD plus uncommitted changes` });
  const file = path.join(os.tmpdir(), `crosswind-bundle-${process.pid}-${randomBytes(4).toString('hex')}.bundle`);
  try {
    await git(['bundle', 'create', '-q', file, ref], { cwd: repo });
    const { size } = await fs.stat(file);
    const max = options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
    if (size > max) throw new BundleTooLargeError(size, max, options.history);
    return { bytes: await fs.readFile(file), snapshot };
  } finally {
    await fs.rm(file, { force: true });
  }
}
