// grep_files: which files match a regular expression (newest first), respecting .gitignore.
import { isProtected, parseArgs, resolvePath } from './args';
import { fail, ok, type Tool } from './tool';

const DEFAULT_LIMIT = 100;

export const grepFilesTool: Tool = {
  name: 'grep_files',
  description: 'Find files whose contents match a regex; returns paths, newest first.',
  async run(raw, ctx) {
    const p = parseArgs('grep_files', raw);
    if (!p.ok) return p.result;
    const { pattern, include, path = '.', limit = DEFAULT_LIMIT } = p.args;
    try {
      new RegExp(pattern);
    } catch (e) {
      return fail(`Invalid regular expression '${pattern}': ${(e as Error).message}`);
    }
    // Protected files are not searched either: a search is a way to read them, one guess at a time.
    const r = await resolvePath(ctx, path, { forRead: true });
    if (!r.ok) return r.result;
    const result = await ctx.workspace.search({ pattern, path: r.path, limit, signal: ctx.signal, ...(include ? { include } : {}) });
    const files: string[] = [];
    for (const f of result.files) if (!(await isProtected(ctx, f))) files.push(f);
    if (files.length === 0) return ok('No matches found.');
    const more = result.truncated ? `\n(limit of ${limit} files reached; narrow the pattern or path)` : '';
    return ok(files.join('\n') + more);
  },
};
