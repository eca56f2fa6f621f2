// What a checkpoint covers: every regular file of the workspace, except what git would ignore (every
// .gitignore on the way, as the search walker reads them), folders that are rebuilt rather than written
// (node_modules, virtualenvs, caches), protected files (keys, .env: never copied out of the workspace),
// symlinks and hard links (a link's target may be outside), and files over the size limit. What is left
// out is listed — once per file or folder — so a restore knows what it must not touch.
//
// Hashing every file on every checkpoint would be slow in a large repository: like git's index, a stat
// cache (size, mtime, inode, mode) remembers each file's hash, and only files whose stat changed are read.
// A file modified within the cache's time granularity of a scan ("racily clean") is never cached.
import { createHash } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import { isGitInternal, matchesAnyGlob } from '../../core/approvals/glob';
import { redactSecrets } from '../../shared';
import type { FileState, ScanRules, SkipReason, WorkspaceSnapshot } from '../../core/ports/checkpoints';
import { absoluteIn, isGitignored, loadGitignore, type GitignoreRules } from '../gitignore-rules';

export interface ScanLimits {
  /** Files larger than this are left out (a build artefact, a dataset: not what a turn edits). */
  maxFileBytes: number;
  /** The scan stops after this many files (the checkpoint is then partial). */
  maxFiles: number;
  /** At most this many left-out entries are listed; beyond, the checkpoint is partial. */
  maxSkipped: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxFileBytes: 10 * 1024 * 1024, maxFiles: 50_000, maxSkipped: 20_000 };

/** Folders rebuilt by tools rather than written by hand: never in a checkpoint, wherever they are. */
export const EXCLUDED_DIRS = new Set(['.git', 'node_modules', '.crosswind', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.pytest_cache', '.gradle', '.next', '.nuxt', '.terraform']);

/** A file's hash as last computed, valid while its stat is unchanged. */
export interface StatCacheEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
  sha256: string;
}

export type StatCache = Map<string, StatCacheEntry>;

/** Mtimes this close to the scan may change again within the file system's time granularity. */
const RACY_MS = 2000;


/**
 * Scans `root` (its real path). `onFile` gets each covered file whose content was read (to store it);
 * files whose hash came from the cache are not read again.
 */
export async function scanWorkspace(
  root: string,
  rules: ScanRules,
  cache: StatCache,
  onFile?: (rel: string, bytes: Uint8Array, state: FileState) => Promise<void>,
  limits: ScanLimits = DEFAULT_SCAN_LIMITS,
  hasStored?: (sha256: string) => Promise<boolean>,
): Promise<WorkspaceSnapshot> {
  const startedAt = Date.now();
  const files: Record<string, FileState> = {};
  const skipped: WorkspaceSnapshot['skipped'] = [];
  let partial = false;
  let count = 0;
  const skip = (rel: string, why: SkipReason) => {
    if (skipped.length >= limits.maxSkipped) partial = true;
    else skipped.push({ path: rel, why });
  };
  const stack: { dir: string; rules: GitignoreRules[] }[] = [{ dir: '', rules: [] }];
  while (stack.length > 0 && !partial) {
    const { dir, rules: inherited } = stack.pop()!;
    const local = [...inherited];
    await loadGitignore(root, dir, local);
    let entries;
    try {
      entries = await fs.readdir(absoluteIn(root, dir), { withFileTypes: true });
    } catch {
      if (dir !== '') skip(dir, 'unreadable');
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        skip(rel, 'symlink');
        continue;
      }
      if (entry.isDirectory()) {
        if (EXCLUDED_DIRS.has(entry.name)) skip(rel, 'excluded');
        else if (isGitignored(local, rel, true)) skip(rel, 'ignored');
        else stack.push({ dir: rel, rules: local });
        continue;
      }
      if (!entry.isFile()) {
        skip(rel, 'notFile');
        continue;
      }
      if (isGitInternal(rel) || entry.name === '.git') {
        skip(rel, 'excluded');
        continue;
      }
      if (matchesAnyGlob(rel, rules.protectedGlobs)) {
        skip(rel, 'protected');
        continue;
      }
      if (isGitignored(local, rel, false)) {
        skip(rel, 'ignored');
        continue;
      }
      if (++count > limits.maxFiles) {
        partial = true;
        break;
      }
      const state = await fileState(root, rel, limits, cache, startedAt, onFile, hasStored);
      if (typeof state === 'string') skip(rel, state);
      else files[rel] = state;
    }
  }
  return { files, skipped, partial };
}

async function fileState(
  root: string,
  rel: string,
  limits: ScanLimits,
  cache: StatCache,
  startedAt: number,
  onFile: ((rel: string, bytes: Uint8Array, state: FileState) => Promise<void>) | undefined,
  hasStored: ((sha256: string) => Promise<boolean>) | undefined,
): Promise<FileState | SkipReason> {
  const full = absoluteIn(root, rel);
  let stat: Stats;
  try {
    stat = await fs.lstat(full);
  } catch {
    return 'unreadable';
  }
  if (!stat.isFile()) return 'notFile';
  // Its other names may be outside the workspace (a link to ~/.aws/credentials): never copied out.
  if (stat.nlink > 1) return 'hardLink';
  if (stat.size > limits.maxFileBytes) return 'tooLarge';
  const mode = stat.mode & 0o777;
  const cached = cache.get(rel);
  if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs && cached.ino === stat.ino && cached.mode === mode && (!hasStored || (await hasStored(cached.sha256)))) {
    return { sha256: cached.sha256, size: stat.size, mode };
  }
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(full);
  } catch {
    return 'unreadable';
  }
  // A credential written into a workspace file (an API key pasted into notes.txt) stays in the workspace:
  // a checkpoint would copy it into Crosswind's state folder, where secrets never go.
  if (holdsSecret(bytes)) {
    cache.delete(rel);
    return 'secret';
  }
  const state: FileState = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mode };
  // Only a file whose bytes are what its stat describes, and not modified within the racy window, is cached.
  if (bytes.length === stat.size && stat.mtimeMs < startedAt - RACY_MS) cache.set(rel, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, mode, sha256: state.sha256 });
  else cache.delete(rel);
  await onFile?.(rel, bytes, state);
  return state;
}

/** One file's state now, as a scan would record it (null: absent; a reason: something else is there). */
export async function statFile(root: string, rel: string): Promise<FileState | null | 'notFile'> {
  let stat: Stats;
  try {
    stat = await fs.lstat(absoluteIn(root, rel));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
  if (!stat.isFile() || stat.nlink > 1) return 'notFile';
  const bytes = await fs.readFile(absoluteIn(root, rel));
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mode: stat.mode & 0o777 };
}

/** Does the file hold a registered secret or a recognised credential (the redaction patterns)? */
function holdsSecret(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return redactSecrets(text) !== text;
}



