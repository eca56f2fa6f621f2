// The .gitignore files met while walking a workspace, applied as git applies them: each file's patterns
// relative to its own folder, a folder's rules inherited by everything below it. Shared by the search
// fallback (search-walker.ts) and the checkpoint scan (checkpoints/workspace-scan.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface GitignoreRules {
  /** Workspace path of the directory holding the .gitignore. */
  base: string;
  rules: Ignore;
}

/** The absolute path of a workspace path ('' is the root itself), from its '/'-separated form. */
export function absoluteIn(root: string, rel: string): string {
  return rel === '' ? root : path.join(root, ...rel.split('/'));
}

/** Adds the rules of `dir`'s .gitignore, if it has one. */
export async function loadGitignore(root: string, dir: string, into: GitignoreRules[]): Promise<void> {
  const text = await fs.readFile(path.join(absoluteIn(root, dir), '.gitignore'), 'utf8').catch(() => null);
  if (text !== null) into.push({ base: dir, rules: ignore().add(text) });
}

export function isGitignored(rules: readonly GitignoreRules[], rel: string, isDir: boolean): boolean {
  for (const r of rules) {
    const local = r.base === '' ? rel : rel.slice(r.base.length + 1);
    if (r.rules.ignores(isDir ? local + '/' : local)) return true;
  }
  return false;
}
