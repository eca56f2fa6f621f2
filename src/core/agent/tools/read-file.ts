// read_file: a file's lines with 1-based numbers, as the user has it (an open editor's unsaved text
// included), paged with offset/limit so a large file never floods the context.
import { decodeFileBytes } from '../../../patch';
import { parseArgs, resolvePath } from './args';
import { fail, ok, type Tool } from './tool';

const DEFAULT_LIMIT = 2000;
const MAX_LINE_CHARS = 500;

export const readFileTool: Tool = {
  name: 'read_file',
  description: 'Read a text file; each line is prefixed with its 1-based number as "L<n>: ".',
  async run(raw, ctx) {
    const p = parseArgs('read_file', raw);
    if (!p.ok) return p.result;
    const { file_path, offset = 1, limit = DEFAULT_LIMIT } = p.args;
    const r = await resolvePath(ctx, file_path, { forRead: true });
    if (!r.ok) return r.result;
    const file = await ctx.workspace.read(r.path);
    let text: string;
    if (file.kind === 'text') text = file.text;
    else if (file.kind === 'bytes') {
      const decoded = decodeFileBytes(file.bytes);
      if (!decoded.ok) return fail(`Cannot read '${file_path}': ${decoded.reason}`);
      text = decoded.text;
    } else if (file.kind === 'missing') return fail(`'${file_path}' does not exist.`);
    else if (file.kind === 'directory') return fail(`'${file_path}' is a directory: use list_dir.`);
    else return fail(`'${file_path}' is not a regular file.`);

    const lines = text.split(/\r?\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    if (text === '') return ok(`(empty file)`);
    if (offset > lines.length) return fail(`offset ${offset} is past the end of '${file_path}' (${lines.length} lines).`);
    const end = Math.min(lines.length, offset - 1 + limit);
    const out: string[] = [];
    for (let i = offset - 1; i < end; i++) {
      const line = lines[i]!;
      out.push(`L${i + 1}: ${line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line truncated]` : line}`);
    }
    if (end < lines.length) out.push(`[${lines.length - end} more lines: call again with offset ${end + 1}]`);
    return ok(out.join('\n'));
  },
};
