// A folder's files, byte for byte with their permission bits, to compare a workspace before and after.
import fs from 'node:fs';
import path from 'node:path';

export type Tree = Record<string, { base64: string; mode: number }>;

/** Every regular file under `root` (symlinks not followed), keyed by '/'-separated relative path. */
export function readTree(root: string, dir = ''): Tree {
  const out: Tree = {};
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, readTree(root, rel));
    else if (e.isFile()) {
      const full = path.join(root, rel);
      out[rel] = { base64: fs.readFileSync(full).toString('base64'), mode: fs.statSync(full).mode & 0o777 };
    }
  }
  return out;
}

export function treeDiff(a: Tree, b: Tree): string[] {
  const paths = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...paths].filter((p) => JSON.stringify(a[p]) !== JSON.stringify(b[p])).sort();
}
