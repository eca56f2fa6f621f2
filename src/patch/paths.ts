// Confinement, lexically: turns a path as a model wrote it into a workspace-relative '/'-separated path,
// or refuses it. Both POSIX and Windows forms are understood whatever the platform, because the text
// comes from a model: '\' is always a separator, drive letters and UNC prefixes are recognised, and
// nothing is decoded (a '%2e%2e' stays a file name). Symlinks cannot be seen from here: the file-system
// adapter checks them with realpath before it reads or writes.
import { PatchError } from './errors';

interface ParsedAbsolute {
  /** 'c:' for a drive, '//server/share' for UNC, '' for POSIX. Lower-cased when case-insensitive. */
  prefix: string;
  parts: string[];
  windows: boolean;
}

const DRIVE = /^[A-Za-z]:/;

/**
 * Resolves `requested` (relative to `root`, or absolute inside it) to a workspace path: '' for the root
 * itself, otherwise 'a/b/c'. Throws PatchError 'outsideWorkspace' when it leads outside, 'invalidPath'
 * when it cannot name a file at all. Without a root, absolute paths are refused.
 */
export function normalizeWorkspacePath(root: string | undefined, requested: string): string {
  if (requested.includes('\0')) throw new PatchError('invalidPath', `Path '${printable(requested)}' contains a NUL character`);
  if (requested.trim() === '') throw new PatchError('invalidPath', 'The path is empty');
  if (!isAbsolute(requested)) return relativeParts(requested, root).join('/');
  if (DRIVE.test(requested) && !/^[A-Za-z]:[\\/]/.test(requested)) {
    throw new PatchError('invalidPath', `Path '${requested}' is relative to a drive's current directory; give it relative to the workspace`);
  }
  if (root === undefined) throw outside(requested, 'absolute paths are refused when no workspace root is known');
  const base = parseAbsolute(root);
  const target = parseAbsolute(requested, base);
  const same = (a: string, b: string) => (base.windows ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (!same(target.prefix, base.prefix) || target.parts.length < base.parts.length) throw outside(requested, `it is not under ${root}`);
  for (let i = 0; i < base.parts.length; i++) {
    if (!same(target.parts[i], base.parts[i])) throw outside(requested, `it is not under ${root}`);
  }
  return target.parts.slice(base.parts.length).join('/');
}

/** A folder of a multi-root workspace: its paths start with `name`. */
export interface NamedFolder {
  name: string;
  /** Absolute path (POSIX or Windows form). */
  root: string;
}

/**
 * `normalizeWorkspacePath` over the folders of a workspace. One folder: exactly that (no prefix). Several:
 * a relative path must start with a folder's name ('' and a bare name are the folders' parent and a
 * folder); an absolute path is mapped to the folder holding it (the deepest, if folders nest) and gets
 * that folder's name in front. Anything else is refused, naming the folders.
 */
export function normalizeInFolders(folders: readonly NamedFolder[], requested: string): string {
  if (folders.length === 1) return normalizeWorkspacePath(folders[0]!.root, requested);
  const names = folders.map((f) => f.name).join(', ');
  if (!isAbsolute(requested)) {
    const rel = normalizeWorkspacePath(undefined, requested);
    const first = rel.split('/')[0]!;
    if (rel === '' || folders.some((f) => f.name === first)) return rel;
    throw outside(requested, `'${first}' is not a workspace folder; paths start with a folder's name (${names})`);
  }
  let best: { name: string; rel: string; depth: number } | undefined;
  for (const f of folders) {
    let rel: string;
    try {
      rel = normalizeWorkspacePath(f.root, requested);
    } catch {
      continue;
    }
    const depth = parseAbsolute(f.root).parts.length;
    if (!best || depth > best.depth) best = { name: f.name, rel, depth };
  }
  if (!best) throw outside(requested, `it is in none of the workspace folders (${folders.map((f) => `${f.name} → ${f.root}`).join(', ')})`);
  return best.rel === '' ? best.name : `${best.name}/${best.rel}`;
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || DRIVE.test(p);
}

function relativeParts(requested: string, root: string | undefined): string[] {
  const parts: string[] = [];
  for (const part of requested.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) throw outside(requested, `'..' leads out of ${root ?? 'the workspace root'}`);
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts;
}

/** Splits an absolute path into its root prefix and its components, resolving '.' and '..' lexically. */
function parseAbsolute(p: string, like?: ParsedAbsolute): ParsedAbsolute {
  let prefix = '';
  let rest = p;
  let windows = like?.windows ?? false;
  if (DRIVE.test(p)) {
    prefix = p.slice(0, 2).toLowerCase();
    rest = p.slice(2);
    windows = true;
  } else if (/^[\\/]{2}[^\\/]/.test(p) && (like === undefined ? true : like.windows)) {
    const [server, share, ...more] = p.slice(2).split(/[\\/]+/);
    prefix = `//${server}/${share ?? ''}`.toLowerCase();
    rest = more.join('/');
    windows = true;
  } else if (like?.windows) {
    prefix = like.prefix; // '\foo' on Windows: the root's own drive
  }
  const parts: string[] = [];
  for (const part of rest.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return { prefix, parts, windows };
}

function outside(requested: string, why: string): PatchError {
  return new PatchError('outsideWorkspace', `Path '${requested}' is outside the workspace: ${why}`);
}

function printable(s: string): string {
  return s.replace(/\0/g, '\\0');
}
