// Unified diffs (git diff output, or `diff -u`), which some models emit instead of Codex's format. jsdiff
// parses them; each file becomes the same Add / Delete / Update operation a Codex patch would give, so it
// goes through the same matching, review and atomic apply. The hunk header's line number is kept as a hint:
// a unified hunk is placed at the match nearest to where its header says, as `patch` does.
import { parsePatch as parseStructured, type StructuredPatch, type StructuredPatchHunk } from 'diff';
import { PatchError, invalidPatch } from './errors';
import type { FileOp, ParsedPatch, UpdateChunk } from './types';

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/;

export function looksLikeUnifiedDiff(lines: string[]): boolean {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('diff --git ')) return true;
    if (lines[i].startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) return true;
  }
  return false;
}

export function parseUnifiedDiff(text: string): ParsedPatch {
  let files: StructuredPatch[];
  try {
    files = parseStructured(text);
  } catch (first) {
    // Models often get the line counts in hunk headers wrong; recount them from the hunk bodies.
    try {
      files = parseStructured(recountHunkHeaders(text));
    } catch {
      throw invalidPatch(`the unified diff could not be parsed: ${first instanceof Error ? first.message : String(first)}`);
    }
  }
  const lineOf = patchLineLocator(text);
  const ops: FileOp[] = [];
  for (const file of files) {
    const op = toFileOp(file, lineOf);
    if (op) ops.push(op);
  }
  return { format: 'unified', ops };
}

function toFileOp(file: StructuredPatch, lineOf: PatchLineLocator): FileOp | null {
  const strip = file.isGit === true || (file.oldFileName?.startsWith('a/') === true && file.newFileName?.startsWith('b/') === true);
  const oldPath = cleanName(file.oldFileName, 'a/', strip);
  const newPath = cleanName(file.newFileName, 'b/', strip);
  const patchLine = lineOf.file();
  const name = newPath ?? oldPath ?? '(unnamed)';
  if (file.isBinary) throw new PatchError('unsupported', `Binary diffs are not supported (${name})`, { patchLine });
  if (file.isCopy) throw new PatchError('unsupported', `Copies are not supported (${name}); add the file instead`, { patchLine });
  const chunks = file.hunks.map((h) => toChunk(h, lineOf.hunk()));
  if (oldPath === null && newPath === null) {
    if (chunks.length === 0) return null;
    throw new PatchError('invalidHunk', `Invalid patch hunk on line ${patchLine}: the diff names no file`, { patchLine });
  }
  if (oldPath === null || file.isCreate) {
    return { type: 'add', path: newPath ?? (oldPath as string), contents: addedContents(chunks), patchLine };
  }
  if (newPath === null || file.isDelete) return { type: 'delete', path: oldPath, patchLine };
  const movePath = newPath !== oldPath ? newPath : null;
  if (chunks.length === 0 && movePath === null) return null; // a mode change only: nothing to do to the text
  return { type: 'update', path: oldPath, movePath, chunks, patchLine };
}

function cleanName(name: string | undefined, prefix: string, strip: boolean): string | null {
  if (name === undefined || name === '/dev/null' || name === '') return null;
  return strip && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

function toChunk(hunk: StructuredPatchHunk, patchLine: number): UpdateChunk {
  const oldLines: string[] = [];
  const newLines: string[] = [];
  const keep: number[] = [];
  let oldMissingNewline = false;
  let newMissingNewline = false;
  let previous = ' ';
  for (const line of hunk.lines) {
    const marker = line.charAt(0);
    const content = line.slice(1);
    if (marker === '\\') {
      if (previous !== '+') oldMissingNewline = true;
      if (previous !== '-') newMissingNewline = true;
      continue;
    }
    if (marker !== '-') keep.push(marker === '+' ? -1 : oldLines.length);
    if (marker !== '+') oldLines.push(content);
    if (marker !== '-') newLines.push(content);
    previous = marker;
  }
  return {
    anchor: null,
    oldLines,
    newLines,
    keep,
    endOfFile: oldMissingNewline || newMissingNewline,
    patchLine,
    lineHint: Math.max(0, hunk.oldStart - 1),
    ...(oldMissingNewline ? { oldMissingNewline } : {}),
    ...(newMissingNewline ? { newMissingNewline } : {}),
  };
}

function addedContents(chunks: UpdateChunk[]): string {
  const lines = chunks.flatMap((c) => c.newLines);
  if (lines.length === 0) return '';
  const missingNewline = chunks[chunks.length - 1].newMissingNewline === true;
  return lines.join('\n') + (missingNewline ? '' : '\n');
}

interface PatchLineLocator {
  /** The patch line of the next file header. */
  file(): number;
  /** The patch line of the next hunk header. */
  hunk(): number;
}

/** jsdiff does not report line numbers; find the headers again, in order, to point errors at them. */
function patchLineLocator(text: string): PatchLineLocator {
  const lines = text.split('\n');
  const fileLines: number[] = [];
  const hunkLines: number[] = [];
  const git = lines.some((l) => l.startsWith('diff --git '));
  lines.forEach((l, i) => {
    if (git ? l.startsWith('diff --git ') : l.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) fileLines.push(i + 1);
    if (HUNK_HEADER.test(l)) hunkLines.push(i + 1);
  });
  let f = 0;
  let h = 0;
  return { file: () => fileLines[f++] ?? 1, hunk: () => hunkLines[h++] ?? 1 };
}

/** Rewrites each hunk header's line counts to match its body; a bare empty body line becomes context. */
export function recountHunkHeaders(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = HUNK_HEADER.exec(lines[i]);
    if (!header) continue;
    let oldCount = 0;
    let newCount = 0;
    let j = i + 1;
    for (; j < lines.length && !startsSection(lines, j); j++) {
      const marker = lines[j].charAt(0);
      if (lines[j] === '') {
        if (j === lines.length - 1) break;
        lines[j] = ' ';
      } else if (marker !== ' ' && marker !== '-' && marker !== '+' && marker !== '\\') {
        break;
      }
      if (lines[j].charAt(0) !== '+' && marker !== '\\') oldCount++;
      if (lines[j].charAt(0) !== '-' && marker !== '\\') newCount++;
    }
    lines[i] = `@@ -${header[1]},${oldCount} +${header[2]},${newCount} @@${header[3]}`;
    i = j - 1;
  }
  return lines.join('\n');
}

function startsSection(lines: string[], i: number): boolean {
  const l = lines[i];
  return l.startsWith('@@ ') || l.startsWith('diff ') || l.startsWith('Index: ') || (l.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') === true);
}
