// Entry point of parsing: takes the text a model produced and returns the file operations in it, whether
// the text is a Codex patch or a unified diff. The outer wrapping models add is removed first, where doing
// so is unambiguous: CRLF line breaks, surrounding whitespace, a heredoc (`apply_patch <<'EOF' … EOF`, as
// gpt-4.1 sends it) and a Markdown code fence.
import { invalidPatch, UNIFIED_DIFF_HINT } from './errors';
import type { ParsedPatch } from './types';
import { parseCodexBody } from './parse-codex';
import { looksLikeUnifiedDiff, parseUnifiedDiff } from './parse-unified';

const BEGIN = '*** Begin Patch';
const END = '*** End Patch';
const ENVIRONMENT_ID = '*** Environment ID:';
const HEREDOC_OPENER = /^(?:(?:apply_patch|applypatch)\s+)?<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1$/;
const FENCE_OPENER = /^```[\w+-]*$/;

const FIRST_LINE_ERROR = "The first line of the patch must be '*** Begin Patch'";
const LAST_LINE_ERROR = "The last line of the patch must be '*** End Patch'";

export function parsePatch(text: string): ParsedPatch {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  const direct = parseLines(lines);
  if (direct.ok) return direct.patch;
  const inner = unwrap(lines);
  if (inner) {
    const wrapped = parseLines(inner);
    if (wrapped.ok) return wrapped.patch;
    throw wrapped.error;
  }
  throw direct.error;
}

type Attempt = { ok: true; patch: ParsedPatch } | { ok: false; error: Error };

function parseLines(lines: string[]): Attempt {
  if (lines[0].trim() !== BEGIN) {
    if (looksLikeUnifiedDiff(lines)) return { ok: true, patch: parseUnifiedDiff(lines.join('\n') + '\n') };
    return { ok: false, error: invalidPatch(FIRST_LINE_ERROR, UNIFIED_DIFF_HINT) };
  }
  if (lines.length < 2 || lines[lines.length - 1].trim() !== END) return { ok: false, error: invalidPatch(LAST_LINE_ERROR) };
  let body = lines.slice(1, -1);
  let firstLine = 2;
  let environmentId: string | undefined;
  if (body.length > 0 && body[0].trim().startsWith(ENVIRONMENT_ID)) {
    environmentId = body[0].trim().slice(ENVIRONMENT_ID.length).trim();
    if (environmentId === '') throw invalidPatch('apply_patch environment_id cannot be empty');
    body = body.slice(1);
    firstLine++;
  }
  const ops = parseCodexBody(body, firstLine);
  return { ok: true, patch: { format: 'codex', ops, ...(environmentId === undefined ? {} : { environmentId }) } };
}

/** The lines inside a heredoc or a Markdown fence, when the text is wrapped in one; else null. */
function unwrap(lines: string[]): string[] | null {
  if (lines.length < 3) return null;
  const first = lines[0].trim();
  const last = lines[lines.length - 1].trim();
  const heredoc = HEREDOC_OPENER.exec(first);
  if (heredoc && lines.length >= 4 && last.endsWith(heredoc[2])) return trimBlankEnds(lines.slice(1, -1));
  if (FENCE_OPENER.test(first) && last === '```') return trimBlankEnds(lines.slice(1, -1));
  return null;
}

function trimBlankEnds(lines: string[]): string[] {
  let from = 0;
  let to = lines.length;
  while (from < to - 1 && lines[from].trim() === '') from++;
  while (to > from + 1 && lines[to - 1].trim() === '') to--;
  return lines.slice(from, to);
}
