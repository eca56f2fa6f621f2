// Content search without ripgrep: walks the tree, honouring every .gitignore on the way (with the
// `ignore` package), skipping .git, node_modules, symlinks and binary files, and tests each file against
// the pattern line by line, as ripgrep would. Bounded by the number of entries visited, by the signal,
// and by time: the pattern runs in a worker thread that is stopped when it backtracks for too long.
import { promises as fs } from 'node:fs';
import { throwIfCancelled } from '../core/ports/cancellation';
import type { SearchRequest } from '../core/ports/workspace';
import { RegexWorker } from './regex-worker';
import { toJsRegExp } from './search-pattern';
import ignore from 'ignore';
import { absoluteIn, isGitignored, loadGitignore, type GitignoreRules } from './gitignore-rules';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
/** Files larger than this are not read (a generated bundle or a database dump, not source to grep). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8000;
const MAX_ENTRIES = 200_000;

export interface FoundFile {
  path: string;
  mtimeMs: number;
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
  const rules: GitignoreRules[] = [];
  // The .gitignore files of the directories above the starting point apply too.
  const above = start === '' ? [] : start.split('/');
  for (let i = 0; i < above.length; i++) await loadGitignore(root, above.slice(0, i).join('/'), rules);
  const startStat = await fs.stat(absoluteIn(root, start));
  if (startStat.isFile()) {
    if (await matches(root, start, regex)) found.push({ path: start, mtimeMs: startStat.mtimeMs });
    return { found, complete: true };
  }
  let visited = 0;
  const stack: { dir: string; rules: GitignoreRules[] }[] = [{ dir: start, rules }];
  while (stack.length > 0) {
    throwIfCancelled(request.signal);
    const { dir, rules: inherited } = stack.pop() as { dir: string; rules: GitignoreRules[] };
    const local = [...inherited];
    await loadGitignore(root, dir, local);
    const entries = await fs.readdir(absoluteIn(root, dir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++visited > MAX_ENTRIES) return { found, complete: false };
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !isGitignored(local, rel, true)) stack.push({ dir: rel, rules: local });
      } else if (entry.isFile() && !isGitignored(local, rel, false) && (!include || include.ignores(rel))) {
        const stat = await fs.stat(absoluteIn(root, rel)).catch(() => null);
        if (stat && stat.size <= MAX_FILE_BYTES && (await matches(root, rel, regex))) found.push({ path: rel, mtimeMs: stat.mtimeMs });
      }
    }
  }
  return { found, complete: true };
}




async function matches(root: string, rel: string, regex: RegexWorker): Promise<boolean> {
  const bytes = await fs.readFile(absoluteIn(root, rel)).catch(() => null);
  if (!bytes || bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return false;
  return regex.test(bytes.toString('utf8'), rel);
}
