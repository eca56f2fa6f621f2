// Parser for Codex's apply_patch format. It follows Codex's own lenient parser (see the conformance
// README): file headers are recognised on the trimmed line, the first chunk of an Update may omit `@@`, a
// bare empty line inside a chunk is an empty context line, and error messages use Codex's wording and
// 1-based patch line numbers (the Begin Patch line is line 1). Beyond Codex, it also skips blank lines
// between file sections and reads a unified-diff hunk header (`@@ -1,3 +1,4 @@`) as a plain `@@`.
import { invalidHunk } from './errors';
import type { FileOp, UpdateChunk } from './types';

const ADD = '*** Add File: ';
const DELETE = '*** Delete File: ';
const UPDATE = '*** Update File: ';
const MOVE = '*** Move to: ';
const END_OF_FILE = '*** End of File';
const UNIFIED_HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/;

const VALID_HEADERS = "Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'";

/**
 * Parses the lines between `*** Begin Patch` and `*** End Patch`. `body[i]` is patch line `firstLine + i`.
 */
export function parseCodexBody(body: string[], firstLine: number): FileOp[] {
  const ops: FileOp[] = [];
  let i = 0;
  while (i < body.length) {
    const lineNo = firstLine + i;
    const trimmed = body[i].trim();
    if (trimmed === '') {
      i++;
      continue;
    }
    if (trimmed.startsWith(ADD)) {
      const path = trimmed.slice(ADD.length);
      let contents = '';
      i++;
      while (i < body.length && body[i].startsWith('+')) contents += body[i++].slice(1) + '\n';
      ops.push({ type: 'add', path, contents, patchLine: lineNo });
    } else if (trimmed.startsWith(DELETE)) {
      ops.push({ type: 'delete', path: trimmed.slice(DELETE.length), patchLine: lineNo });
      i++;
    } else if (trimmed.startsWith(UPDATE)) {
      const parsed = parseUpdate(body, i, firstLine, trimmed.slice(UPDATE.length));
      ops.push(parsed.op);
      i = parsed.next;
    } else {
      throw invalidHunk(lineNo, `'${trimmed}' is not a valid hunk header. ${VALID_HEADERS}`);
    }
  }
  return ops;
}

function parseUpdate(body: string[], headerAt: number, firstLine: number, path: string): { op: FileOp; next: number } {
  let i = headerAt + 1;
  let movePath: string | null = null;
  if (i < body.length && body[i].trim().startsWith(MOVE)) {
    movePath = body[i].trim().slice(MOVE.length);
    i++;
  }
  const chunks: UpdateChunk[] = [];
  while (i < body.length) {
    if (body[i].trim() === '') {
      i++;
      continue;
    }
    if (body[i].startsWith('*')) break;
    const chunk = parseChunk(body, i, firstLine, chunks.length === 0);
    chunks.push(chunk.chunk);
    i = chunk.next;
  }
  if (chunks.length === 0) {
    throw invalidHunk(firstLine + headerAt, `Update file hunk for path '${path}' is empty`);
  }
  return { op: { type: 'update', path, movePath, chunks, patchLine: firstLine + headerAt }, next: i };
}

/** One chunk starting at body[start]: an optional `@@` line, then ' ', '-', '+' or empty lines. Exported for tests. */
export function parseChunk(
  body: string[],
  start: number,
  firstLine: number,
  allowMissingMarker: boolean,
): { chunk: UpdateChunk; next: number } {
  const first = body[start];
  let anchor: string | null = null;
  let i = start;
  if (first.trimEnd() === '@@' || UNIFIED_HUNK_HEADER.test(first)) {
    i++;
  } else if (first.startsWith('@@ ')) {
    anchor = first.slice(3);
    i++;
  } else if (!allowMissingMarker) {
    throw invalidHunk(firstLine + start, `Expected update hunk to start with a @@ context marker, got: '${first}'`);
  }
  if (i >= body.length) throw invalidHunk(firstLine + i, 'Update hunk does not contain any lines');

  const chunk: UpdateChunk = { anchor, oldLines: [], newLines: [], keep: [], endOfFile: false, patchLine: firstLine + start };
  let bodyLines = 0;
  for (; i < body.length; i++) {
    const line = body[i];
    const marker = line.charAt(0);
    if (marker === '*' && line.trimEnd() === END_OF_FILE) {
      if (bodyLines === 0) throw invalidHunk(firstLine + i, 'Update hunk does not contain any lines');
      chunk.endOfFile = true;
      i++;
      break;
    }
    if (line === '' || marker === ' ') {
      const content = line.slice(1);
      chunk.keep.push(chunk.oldLines.length);
      chunk.oldLines.push(content);
      chunk.newLines.push(content);
    } else if (marker === '-') {
      chunk.oldLines.push(line.slice(1));
    } else if (marker === '+') {
      chunk.keep.push(-1);
      chunk.newLines.push(line.slice(1));
    } else if (bodyLines === 0) {
      throw invalidHunk(
        firstLine + i,
        `Unexpected line found in update hunk: '${line}'. Every line should start with ' ' (context line), '+' (added line), or '-' (removed line)`,
      );
    } else {
      break;
    }
    bodyLines++;
  }
  return { chunk, next: i };
}
