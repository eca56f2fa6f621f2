// The files and folders a tool call works on, for the instructions that apply there: the file read or
// patched, the folder listed or searched, a command's working folder.
import { parsePatch } from '../../patch';
import type { Workspace } from '../ports/workspace';
import type { Target } from './turn-instructions';

export async function toolTargets(workspace: Workspace, tool: string, input: Record<string, unknown> | null): Promise<Target[]> {
  if (!input) return [];
  const raw: Target[] = [];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  switch (tool) {
    case 'read_file':
      if (str(input.file_path)) raw.push({ path: str(input.file_path)!, isDir: false });
      break;
    case 'list_dir':
      if (str(input.dir_path)) raw.push({ path: str(input.dir_path)!, isDir: true });
      break;
    case 'grep_files':
      raw.push({ path: str(input.path) ?? '.', isDir: true });
      break;
    case 'shell':
      raw.push({ path: str(input.workdir) ?? '.', isDir: true });
      break;
    case 'apply_patch':
      try {
        for (const op of parsePatch(str(input.input) ?? '').ops) {
          raw.push({ path: op.path, isDir: false });
          if (op.type === 'update' && op.movePath) raw.push({ path: op.movePath, isDir: false });
        }
      } catch {
        // A patch that does not parse touches nothing.
      }
      break;
  }
  const out: Target[] = [];
  for (const t of raw) {
    const path = await workspace.resolve(t.path).catch(() => undefined);
    if (path !== undefined && (path !== '' || t.isDir)) out.push({ path, isDir: t.isDir });
  }
  return out;
}
