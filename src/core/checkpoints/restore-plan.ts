// What a restore writes: the difference between a checkpoint and the workspace now, limited to what both
// scans covered. A file the checkpoint has is put back (written, or created where it was deleted); a
// file that appeared since is deleted — only when the checkpoint's scan would have seen it (not below a
// folder it left out, not beyond its file limit). Anything that is no longer a plain file (a symlink now)
// is left alone and named.
import type { FileState, SkipReason, WorkspaceSnapshot } from '../ports/checkpoints';

export interface RestoreChange {
  path: string;
  /** The file now (null: absent). */
  from: FileState | null;
  /** The file as the checkpoint has it (null: delete it). */
  to: FileState | null;
}

export interface RestorePlan {
  changes: RestoreChange[];
  /** Files that cannot be put back, each "path (why)". */
  notRestored: string[];
}

const WHY: Record<SkipReason, string> = {
  ignored: 'ignored by .gitignore',
  excluded: 'in an excluded folder',
  tooLarge: 'over the size limit',
  protected: 'a protected file',
  secret: 'holds a credential',
  symlink: 'a symbolic link',
  hardLink: 'a hard link',
  notFile: 'not a regular file',
  unreadable: 'unreadable',
};

/** A skipped entry covering `path` (the path itself or a folder above it). */
function skippedAt(snapshot: WorkspaceSnapshot, path: string): SkipReason | undefined {
  for (const s of snapshot.skipped) if (s.path === path || path.startsWith(`${s.path}/`)) return s.why;
  return undefined;
}

function same(a: FileState | null, b: FileState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.sha256 === b.sha256 && a.mode === b.mode;
}

export async function planRestore(target: WorkspaceSnapshot, now: WorkspaceSnapshot, statNow: (path: string) => Promise<FileState | null | 'notFile'>): Promise<RestorePlan> {
  const changes: RestoreChange[] = [];
  const notRestored: string[] = [];
  for (const [path, to] of Object.entries(target.files)) {
    let from: FileState | null | 'notFile' | undefined = now.files[path];
    if (from === undefined) {
      // Not in today's scan: gone, or left out of it now (ignored since, grown too large, replaced by a link).
      const why = skippedAt(now, path);
      if (why === 'symlink' || why === 'hardLink' || why === 'notFile' || why === 'unreadable' || why === 'protected' || why === 'secret') {
        notRestored.push(`${path} (${WHY[why]} now)`);
        continue;
      }
      from = await statNow(path);
      if (from === 'notFile') {
        notRestored.push(`${path} (not a regular file now)`);
        continue;
      }
    }
    if (!same(from, to)) changes.push({ path, from, to });
  }
  for (const [path, from] of Object.entries(now.files)) {
    if (path in target.files) continue;
    // Unknown to the checkpoint: never deleted on a guess.
    if (target.partial || skippedAt(target, path)) continue;
    changes.push({ path, from, to: null });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { changes, notRestored };
}

/** What a checkpoint does not cover, one short line each, for the views. */
export function describeNotCovered(snapshot: WorkspaceSnapshot, limit = 8): string[] {
  const lines = snapshot.skipped
    .filter((s) => s.why !== 'ignored')
    .slice(0, limit)
    .map((s) => `${s.path}${s.why === 'excluded' ? '/' : ''} (${WHY[s.why]})`);
  const ignored = snapshot.skipped.filter((s) => s.why === 'ignored').length;
  const more = snapshot.skipped.filter((s) => s.why !== 'ignored').length - lines.length;
  if (more > 0) lines.push(`${more} more left out`);
  if (ignored) lines.push(`${ignored} file${ignored === 1 ? '' : 's'} or folder${ignored === 1 ? '' : 's'} ignored by .gitignore`);
  if (snapshot.partial) lines.push('files beyond the scan limit (the checkpoint is partial)');
  return lines;
}
