// Content search without ripgrep: walks the tree, honouring every .gitignore on the way (with the
// `ignore` package), skipping .git, node_modules, symlinks and binary files, and tests each file against
// the pattern line by line, as ripgrep would. Bounded by the number of entries visited, by the signal,
// and by time: the pattern runs in a worker thread that is stopped when it backtracks for too long.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { throwIfCancelled } from '../core/ports/cancellation';
import type { SearchRequest } from '../core/ports/workspace';
import { RegexWorker } from './regex-worker';
import { toJsRegExp } from './search-pattern';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
/** Files larger than this are not read (a generated bundle or a database dump, not source to grep). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8000;
const MAX_ENTRIES = 200_000;

export interface FoundFile {
  path: string;
  mtimeMs: number;
}

interface Rules {
  /** Workspace path of the directory holding the .gitignore. */
  base: string;
  rules: Ignore;
}

/** Every matching file under request.path; `complete` is false when the entry bound cut the walk short. */
export async function walkAndSearch(root: string, request: SearchRequest, limitMs?: number): Promise<{ found: FoundFile[]; complete: boolean }> {
  const regex = new RegexWorker(toJsRegExp(request.pattern), limitMs);
  try {
    return await walk(root, request, regex);
  } finally {
    await regex.dispose();
  }
}

async function walk(root: string, request: SearchRequest, regex: RegexWorker): Promise<{ found: FoundFile[]; complete: boolean }> {
  const include = request.include ? ignore().add(request.include) : null;
  const found: FoundFile[] = [];
  const start = request.path;
  const rules: Rules[] = [];
  // The .gitignore files of the directories above the starting point apply too.
  const above = start === '' ? [] : start.split('/');
  for (let i = 0; i < above.length; i++) await loadRules(root, above.slice(0, i).join('/'), rules);
  const startStat = await fs.stat(abs(root, start));
  if (startStat.isFile()) {
    if (await matches(root, start, regex)) found.push({ path: start, mtimeMs: startStat.mtimeMs });
    return { found, complete: true };
  }
  let visited = 0;
  const stack: { dir: string; rules: Rules[] }[] = [{ dir: start, rules }];
  while (stack.length > 0) {
    throwIfCancelled(request.signal);
    const { dir, rules: inherited } = stack.pop() as { dir: string; rules: Rules[] };
    const local = [...inherited];
    await loadRules(root, dir, local);
    const entries = await fs.readdir(abs(root, dir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++visited > MAX_ENTRIES) return { found, complete: false };
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !ignored(local, rel, true)) stack.push({ dir: rel, rules: local });
      } else if (entry.isFile() && !ignored(local, rel, false) && (!include || include.ignores(rel))) {
        const stat = await fs.stat(abs(root, rel)).catch(() => null);
        if (stat && stat.size <= MAX_FILE_BYTES && (await matches(root, rel, regex))) found.push({ path: rel, mtimeMs: stat.mtimeMs });
      }
    }
  }
  return { found, complete: true };
}

function abs(root: string, rel: string): string {
  return rel === '' ? root : path.join(root, ...rel.split('/'));
}

async function loadRules(root: string, dir: string, into: Rules[]): Promise<void> {
  const text = await fs.readFile(path.join(abs(root, dir), '.gitignore'), 'utf8').catch(() => null);
  if (text !== null) into.push({ base: dir, rules: ignore().add(text) });
}

function ignored(rules: readonly Rules[], rel: string, isDir: boolean): boolean {
  for (const r of rules) {
    const local = r.base === '' ? rel : rel.slice(r.base.length + 1);
    if (r.rules.ignores(isDir ? local + '/' : local)) return true;
  }
  return false;
}

async function matches(root: string, rel: string, regex: RegexWorker): Promise<boolean> {
  const bytes = await fs.readFile(abs(root, rel)).catch(() => null);
  if (!bytes || bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return false;
  return regex.test(bytes.toString('utf8'), rel);
}
