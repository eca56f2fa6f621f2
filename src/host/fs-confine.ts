// Confinement on disk. The lexical check (src/patch's normalizeWorkspacePath) cannot see symlinks, so
// every path is also resolved to the real path it would have — realpath of its deepest existing ancestor,
// following dangling links by hand — and that must lie inside the workspace's real root.
import { promises as fs } from 'node:fs';
import path from 'node:path';

const MAX_LINK_HOPS = 40;

/** Whether `candidate` is `root` or below it (both absolute, both real). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  if (rel === '') return true;
  return rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
}

/** The real path `p` has, or would have once created: symlinks anywhere along it resolved. */
export async function realTarget(p: string): Promise<string> {
  let current = path.resolve(p);
  const rest: string[] = [];
  for (let hops = 0; ; ) {
    try {
      return path.join(await fs.realpath(current), ...rest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
    }
    const link = await readLinkIfAny(current);
    if (link !== null) {
      if (++hops > MAX_LINK_HOPS) throw new Error(`Too many levels of symbolic links at ${current}`);
      current = path.resolve(path.dirname(current), link);
      continue;
    }
    const parent = path.dirname(current);
    if (parent === current) return path.join(current, ...rest);
    rest.unshift(path.basename(current));
    current = parent;
  }
}

async function readLinkIfAny(p: string): Promise<string | null> {
  try {
    const stat = await fs.lstat(p);
    return stat.isSymbolicLink() ? await fs.readlink(p) : null;
  } catch {
    return null;
  }
}
