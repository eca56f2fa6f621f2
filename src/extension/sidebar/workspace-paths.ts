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

/** A folder of the workspace as the engine names it (src/shared uniqueFolderNames) and where it is. */
export interface NamedRoot {
  name: string;
  /** Absolute file-system path. */
  root: string;
}

/**
 * The absolute path of a path as the engine writes it: with one folder relative to it (or absolute inside
 * it); with several, `name/rest` in the folder of that name (or absolute inside any folder). Undefined
 * when it is in no folder.
 */
export function absoluteInFolders(folders: readonly NamedRoot[], p: string): string | undefined {
  if (folders.length === 0) return undefined;
  if (folders.length === 1) return insideWorkspace(folders[0]!.root, p);
  if (!p || p.includes('\0')) return undefined;
  if (path.isAbsolute(p)) return folderOfAbsolute(folders, p) ? path.resolve(p) : undefined;
  const parts = p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  const folder = folders.find((f) => f.name === parts[0]);
  if (!folder) return undefined;
  return insideWorkspace(folder.root, parts.slice(1).join('/') || '.');
}

/**
 * The engine's path of an absolute file path: relative to the one folder, or `name/rest` in the deepest
 * folder holding it when there are several. Undefined when it is in no folder.
 */
export function workspacePathIn(folders: readonly NamedRoot[], absolute: string): string | undefined {
  const folder = folderOfAbsolute(folders, absolute);
  if (!folder) return undefined;
  const rel = path.relative(folder.root, path.resolve(absolute)).split(path.sep).join('/');
  if (folders.length === 1) return rel;
  return rel === '' ? folder.name : `${folder.name}/${rel}`;
}

function folderOfAbsolute(folders: readonly NamedRoot[], absolute: string): NamedRoot | undefined {
  let best: NamedRoot | undefined;
  for (const f of folders) {
    if (insideWorkspace(f.root, path.resolve(absolute)) === undefined) continue;
    if (!best || f.root.length > best.root.length) best = f;
  }
  return best;
}
