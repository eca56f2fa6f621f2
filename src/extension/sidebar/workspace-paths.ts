// A path a webview message names (a link in a model's answer), resolved inside the workspace or refused.
// No VS Code import, so it is tested as it is.
import path from 'node:path';

/** The absolute path of `p` (relative to the root, or absolute) when it is inside `root`; else undefined. */
export function insideWorkspace(root: string, p: string): string | undefined {
  if (!p || p.includes('\0')) return undefined;
  const target = path.resolve(root, p);
  const rel = path.relative(root, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return target;
}
