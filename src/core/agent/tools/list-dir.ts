// list_dir: a directory tree, depth-limited and paged, for the model to find its way around.
import { parseArgs, resolvePath } from './args';
import { fail, ok, type Tool, type ToolContext } from './tool';

const DEFAULT_LIMIT = 200;
const DEFAULT_DEPTH = 2;
/** Listed but not descended into: they are large and rarely what the model is looking for. */
const OPAQUE = new Set(['.git', 'node_modules']);

export const listDirTool: Tool = {
  name: 'list_dir',
  description: 'List a directory tree (dirs end with /, symlinks with @).',
  async run(raw, ctx) {
    const p = parseArgs('list_dir', raw);
    if (!p.ok) return p.result;
    const { dir_path, offset = 1, limit = DEFAULT_LIMIT, depth = DEFAULT_DEPTH } = p.args;
    const r = await resolvePath(ctx, dir_path);
    if (!r.ok) return r.result;
    const stat = await ctx.workspace.read(r.path);
    if (stat.kind !== 'directory') return fail(`'${dir_path}' is not a directory.`);
    const lines = await walk(ctx, r.path, depth, offset - 1 + limit + 1);
    const page = lines.slice(offset - 1, offset - 1 + limit);
    // The parent of a multi-root workspace's folders is no folder on disk: the folders are listed instead.
    const folders = ctx.workspace.folders;
    const header = r.path === '' && folders.length > 1 ? `Workspace folders: ${folders.map((f) => `${f.name} → ${f.root}`).join(', ')}` : `Absolute path: ${ctx.workspace.absolute(r.path)}`;
    if (page.length === 0) return ok(`${header}\n(empty)`);
    const more = lines.length > offset - 1 + limit ? `\nMore entries exist: call again with offset ${offset + limit}.` : '';
    return ok(`${header}\n${page.join('\n')}${more}`);
  },
};

async function walk(ctx: ToolContext, dir: string, depth: number, max: number): Promise<string[]> {
  const out: string[] = [];
  const visit = async (path: string, level: number): Promise<void> => {
    if (out.length >= max || ctx.signal.aborted) return;
    const entries = await ctx.workspace.listDir(path);
    entries.sort((a, b) => (a.kind === 'directory') === (b.kind === 'directory') ? a.name.localeCompare(b.name) : a.kind === 'directory' ? -1 : 1);
    for (const e of entries) {
      if (out.length >= max) return;
      const suffix = e.kind === 'directory' ? '/' : e.kind === 'symlink' ? '@' : '';
      out.push(`${'  '.repeat(level)}${e.name}${suffix}`);
      if (e.kind === 'directory' && level + 1 < depth && !OPAQUE.has(e.name)) await visit(path ? `${path}/${e.name}` : e.name, level + 1);
    }
  };
  await visit(dir, 0);
  return out;
}
