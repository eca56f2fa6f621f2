// What the user attached to a message (a selection, a file, the problems of a file, an image, or an
// @-mention: a folder, a symbol, the workspace's problems, a terminal's output, a web page), rendered
// into what the model reads: text, plus the images themselves for a model that takes them. Attached files
// are read as the user sees them, unsaved edits included.
import type { Attachment } from '../../protocol';
import type { ImageInput } from '../model/types';
import { decodeFileBytes } from '../../patch';
import type { Workspace } from '../ports/workspace';

const MAX_FILE_CHARS = 100_000;

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}\n${text}\n${f}`;
}

/** The most characters of an attached symbol, terminal output or web page the model reads. */
const MAX_MENTION_CHARS = 20_000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n[… truncated: ${text.length - max} more characters]` : text;
}

/** A command's output keeps its end: that is where the error is. */
function clipStart(text: string, max: number): string {
  return text.length > max ? `[… ${text.length - max} earlier characters left out]\n${text.slice(-max)}` : text;
}

function diagnosticLine(d: { severity: string; message: string; source?: string | undefined; code?: string | undefined }): string {
  return `${d.severity}: ${d.message}${d.source ? ` (${d.source}${d.code ? ` ${d.code}` : ''})` : ''}`;
}

async function renderFile(workspace: Workspace, path: string): Promise<string> {
  let resolved: string;
  try {
    resolved = await workspace.resolve(path);
  } catch (e) {
    return `(The attached file ${path} could not be used: ${e instanceof Error ? e.message : String(e)})`;
  }
  const f = await workspace.read(resolved);
  let text: string | undefined;
  if (f.kind === 'text') text = f.text;
  else if (f.kind === 'bytes') {
    const d = decodeFileBytes(f.bytes);
    if (!d.ok) return `(The attached file ${resolved} is not text: ${d.reason})`;
    text = d.text;
  }
  if (text === undefined) return `(The attached file ${resolved} does not exist or is not a file)`;
  const clipped = text.length > MAX_FILE_CHARS ? `${text.slice(0, MAX_FILE_CHARS)}\n[… truncated: ${text.length - MAX_FILE_CHARS} more characters; use read_file for the rest]` : text;
  return `The user attached ${resolved}:\n${fence(clipped)}`;
}

export async function renderUserMessage(text: string, attachments: Attachment[], workspace: Workspace): Promise<string> {
  if (!attachments.length) return text;
  const parts: string[] = [];
  for (const a of attachments) {
    switch (a.type) {
      case 'selection':
        parts.push(`The user selected lines ${a.startLine}-${a.endLine} of ${a.path}:\n${fence(a.text)}`);
        break;
      case 'file':
        parts.push(await renderFile(workspace, a.path));
        break;
      case 'image':
        // The image itself travels beside the text (imagesOf); the text says what it is, so a summary of
        // the conversation, or a model that is told only the text, still knows an image was there.
        parts.push(`The user attached the image ${a.path} (${a.mediaType}), sent with this message.`);
        break;
      case 'diagnostics':
        parts.push(
          `Problems reported in ${a.path}:\n` +
            a.diagnostics.map((d) => `- line ${d.line} ${diagnosticLine(d)}`).join('\n'),
        );
        break;
      case 'folder':
        parts.push(
          `The user attached the folder ${a.path}${a.truncated ? ` (the first ${a.entries.length} entries)` : ''}:\n` +
            (a.entries.length ? a.entries.map((e) => `- ${e}`).join('\n') : '(empty)'),
        );
        break;
      case 'symbol':
        parts.push(`The user attached the ${a.kind} ${a.name}, lines ${a.startLine}-${a.endLine} of ${a.path}:\n${fence(clip(a.text, MAX_MENTION_CHARS))}`);
        break;
      case 'problems':
        parts.push(
          a.problems.length === 0
            ? 'The user attached the problems of the workspace: there are none.'
            : `Problems reported in the workspace${a.truncated ? ` (the first ${a.problems.length})` : ''}:\n` +
                a.problems.map((d) => `- ${d.path}:${d.line} ${diagnosticLine(d)}`).join('\n'),
        );
        break;
      case 'terminal':
        parts.push(
          `The user attached the last command run in the terminal "${a.terminal}"${a.exitCode === undefined ? '' : ` (exit code ${a.exitCode})`}:\n` +
            `${fence(a.command)}\nIts output:\n${fence(clipStart(a.output, MAX_MENTION_CHARS))}`,
        );
        break;
      case 'url':
        parts.push(`The user attached the web page ${a.url}, as text:\n${fence(clip(a.text, MAX_MENTION_CHARS))}`);
        break;
    }
  }
  return `${text}\n\n${parts.join('\n\n')}`;
}

/** The images of a message, in the order attached (turn/start already refused more than a request takes). */
export function imagesOf(attachments: Attachment[]): ImageInput[] {
  return attachments.flatMap((a) => (a.type === 'image' ? [{ mediaType: a.mediaType, data: a.data }] : []));
}
