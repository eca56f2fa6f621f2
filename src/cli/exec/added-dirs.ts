// `--add-dir DIR` (crosswind exec and checkpoint): the other folders of a multi-root workspace.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../command';

/** The folders, resolved against `base`; refused, naming the flag, when one is not a directory. */
export async function existingDirs(dirs: readonly string[], base: string): Promise<string[]> {
  const out: string[] = [];
  for (const dir of dirs) {
    const full = path.resolve(base, dir);
    const s = await fs.stat(full).catch(() => null);
    if (!s?.isDirectory()) throw new InputError(`--add-dir ${dir}: ${s ? 'not a directory' : 'no such directory'} (${full})`);
    out.push(full);
  }
  return out;
}
