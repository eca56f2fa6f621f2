// How the @-mention list orders workspace paths and symbols for what the user typed. Pure (no vscode
// import) so the ranking is tested as it is: the file name matching beats the folder matching, a prefix
// beats a substring, a substring beats letters in order, and among equals the shorter path wins.

export interface RankedPath {
  path: string;
  isFolder: boolean;
  score: number;
}

/** How well `query` names `path` (higher is better); undefined when it does not match at all. */
export function pathScore(path: string, query: string): number | undefined {
  const q = query.toLowerCase().replace(/^\.?\//, '');
  const p = path.toLowerCase();
  if (!q) return 1;
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (name === q) return 100;
  if (name.startsWith(q)) return 90;
  if (p.startsWith(q)) return 80;
  if (name.includes(q)) return 70;
  if (p.includes(`/${q}`)) return 60;
  if (p.includes(q)) return 50;
  return inOrder(p, q) ? 10 : undefined;
}

/** Every letter of `q` appears in `p`, in order ("srcap" in "src/app.ts"). */
function inOrder(p: string, q: string): boolean {
  let i = 0;
  for (const c of p) if (c === q[i] && ++i === q.length) return true;
  return false;
}

/** The folders that hold `files` (each once, ancestors included): folders are offered like files. */
export function foldersOf(files: readonly string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) out.add(f.slice(0, i));
  }
  return [...out];
}

/** The `limit` files and folders `query` names best, best first; ties: shorter path, then by name. */
export function rankPaths(files: readonly string[], query: string, limit: number): RankedPath[] {
  const candidates = [...files.map((path) => ({ path, isFolder: false })), ...foldersOf(files).map((path) => ({ path, isFolder: true }))];
  const scored: RankedPath[] = [];
  for (const c of candidates) {
    const score = pathScore(c.path, query);
    if (score !== undefined) scored.push({ ...c, score });
  }
  scored.sort((a, b) => b.score - a.score || a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return scored.slice(0, limit);
}

/** Symbols: an exact name first, then a prefix, then a substring; the provider's own order otherwise. */
export function symbolScore(name: string, query: string): number {
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n === q) return 3;
  if (n.startsWith(q)) return 2;
  return n.includes(q) ? 1 : 0;
}

/** A query that names a path, not a symbol: symbols are not looked up for it. */
export function looksLikePath(query: string): boolean {
  return /[/\\]/.test(query) || /\.[A-Za-z0-9]{1,8}$/.test(query);
}

/** The smallest query symbols are looked up for: a letter gives thousands of hits, slowly. */
export const MIN_SYMBOL_QUERY = 2;
