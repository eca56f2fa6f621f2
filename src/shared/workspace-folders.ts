// The names the folders of a multi-root workspace go by. In a workspace of several folders every
// workspace path starts with its folder's name (VS Code's own `asRelativePath(uri, true)` convention), so
// the editor and the engine must derive the same names from the same folder list: both call this.

/**
 * One unambiguous name per folder, in folder order: the name as given ('/' and '\' replaced, so a name is
 * one path segment), and for a name already taken `name-2`, `name-3`… — deterministic by folder order.
 * Idempotent: names that are already unique come back unchanged.
 */
export function uniqueFolderNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    let base = raw.replace(/[\\/]+/g, '-').trim();
    if (base === '' || base === '.' || base === '..') base = 'folder';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  });
}
