// Planning: every operation of a patch is carried out in memory, in patch order and with Codex's
// semantics, before anything is written. The first failure throws (a PatchError naming the file, the
// chunk, what was looked for and what came closest) and nothing is written; this deliberately differs
// from Codex, which leaves the files it had already written. On success the plan holds, per file, the
// net change — old and new text and the hunks to review — and Codex's summary.
import { applyChunks } from './apply-chunks';
import { PatchError } from './errors';
import { FileStates, type Current, type FileState } from './file-state';
import { hunksFromRegions, wholeFileRegion, type HunkSet, type Region } from './hunks';
import { splitLines } from './lines';
import type { FileOp, ParsedPatch, PatchPlan, PatchReader, PlanOptions, PlannedFile, SummaryEntry } from './types';
import { normalizeInFolders, normalizeWorkspacePath } from './paths';

export async function planPatch(patch: ParsedPatch, read: PatchReader, options: PlanOptions = {}): Promise<PatchPlan> {
  if (patch.ops.length === 0) throw new PatchError('noChanges', 'No files were modified.');
  const states = new FileStates(read);
  const moves: { from: string; to: string }[] = [];
  const summary: SummaryEntry[] = [];
  for (const op of patch.ops) {
    const entry = await applyOp(op, states, options, moves);
    summary.push(entry);
  }
  const order = { A: 0, M: 1, D: 2 };
  summary.sort((a, b) => order[a.op] - order[b.op]);
  const files = await netChanges(states, moves);
  return { patch, options, files, summary };
}

async function applyOp(op: FileOp, states: FileStates, options: PlanOptions, moves: { from: string; to: string }[]): Promise<SummaryEntry> {
  const path = filePath(op.path, options, op.patchLine);
  const cur = await states.current(path, op.patchLine);
  const f = cur.file;
  const at = { path, patchLine: op.patchLine };
  if (op.type === 'add') {
    refuseNonFile(f, `Failed to write file ${path}`, at);
    // An Add over an existing text file keeps that file's line ending and byte-order mark.
    const existing = f.state === 'file' && f.text !== null ? f : null;
    const eol = existing ? (existing.eol ?? splitLines(existing.text as string).eol) : '\n';
    const text = eol === '\r\n' ? op.contents.replace(/\n/g, '\r\n') : op.contents;
    states.set(path, { file: { state: 'file', text, bom: existing?.bom ?? false, eol } });
    return { op: 'A', path: op.path };
  }
  if (op.type === 'delete') {
    if (f.state !== 'file') {
      const why = f.state === 'absent' ? 'it does not exist' : f.state === 'directory' ? 'it is a directory' : 'it is not a regular file';
      throw new PatchError(f.state === 'absent' ? 'fileMissing' : 'notAFile', `Failed to delete file ${path}\n\n(${why})`, at);
    }
    states.set(path, { file: { state: 'absent' } });
    return { op: 'D', path: op.path };
  }
  const prefix = `Failed to read file to update ${path}`;
  if (f.state === 'absent') throw new PatchError('fileMissing', `${prefix}: No such file or directory (os error 2)`, at);
  if (f.state === 'directory') throw new PatchError('notAFile', `${prefix}: Is a directory (os error 21)`, at);
  if (f.state === 'other') throw new PatchError('notAFile', `${prefix}: it is not a regular file`, at);
  if (f.text === null) throw new PatchError('notText', `${prefix}: ${f.reason ?? 'it is not text'}`, at);
  const lines = splitLines(f.text);
  let text = f.text;
  let regions: Region[] = [];
  if (op.chunks.length > 0) ({ text, regions } = applyChunks(lines, op.chunks, path));
  const derived = states.changed(path) ? undefined : { from: path, old: lines, regions };
  const dest = op.movePath === null ? path : filePath(op.movePath, options, op.patchLine);
  const next: Current = { file: { state: 'file', text, bom: f.bom, eol: lines.eol }, ...(derived ? { derived } : {}) };
  if (dest !== path) {
    refuseNonFile((await states.current(dest, op.patchLine)).file, `Failed to write file ${dest}`, { path: dest, patchLine: op.patchLine });
    states.set(dest, next);
    states.set(path, { file: { state: 'absent' } });
    moves.push({ from: path, to: dest });
  } else {
    states.set(path, next);
  }
  return { op: 'M', path: op.movePath ?? op.path };
}

function filePath(raw: string, options: PlanOptions, patchLine: number): string {
  try {
    const path = options.folders && options.folders.length > 1 ? normalizeInFolders(options.folders, raw) : normalizeWorkspacePath(options.root, raw);
    if (path === '') throw new PatchError('invalidPath', `Path '${raw}' is the workspace root, not a file`);
    if (/[\\/]$/.test(raw)) throw new PatchError('invalidPath', `Path '${raw}' ends with a separator, so it names a directory, not a file`);
    return path;
  } catch (e) {
    if (e instanceof PatchError) throw new PatchError(e.kind, e.message, { patchLine, cause: e });
    throw e;
  }
}

function refuseNonFile(f: FileState, message: string, at: { path: string; patchLine: number }): void {
  if (f.state === 'directory') throw new PatchError('notAFile', `${message}: it is a directory`, at);
  if (f.state === 'other') throw new PatchError('notAFile', `${message}: it is not a regular file`, at);
}

/** Compares each touched path before and after; an Update that moved a file becomes one moved file. */
async function netChanges(states: FileStates, moves: { from: string; to: string }[]): Promise<PlannedFile[]> {
  const merged = new Map<string, { from: string; to: string }>();
  for (const move of moves) {
    const from = await states.original(move.from, 0);
    const to = states.final(move.to)?.file;
    const fromGone = states.final(move.from)?.file.state === 'absent';
    const usable = from.state === 'file' && from.text !== null && fromGone && to?.state === 'file' && to.text !== null;
    if (usable && !merged.has(move.from) && !merged.has(move.to)) {
      merged.set(move.from, move);
      merged.set(move.to, move);
    }
  }
  const files: PlannedFile[] = [];
  for (const path of states.touched) {
    const move = merged.get(path);
    if (move && move.to === path) continue;
    const before = await states.original(path, 0);
    const after = move ? (states.final(move.to) as Current) : (states.final(path) ?? { file: before });
    const planned = plannedFile(path, before, after, move?.to);
    if (planned) {
      if (move) {
        const target = await states.original(move.to, 0);
        planned.moveTargetExisted = target.state === 'file';
        planned.moveTargetOldText = target.state === 'file' ? target.text : null;
      }
      files.push(planned);
    }
  }
  return files;
}

function plannedFile(path: string, before: FileState, after: Current, movePath: string | undefined): PlannedFile | null {
  const existed = before.state === 'file';
  const oldText = before.state === 'file' ? before.text : null;
  const a = after.file;
  const newText = a.state === 'file' ? (a.text as string) : null;
  if (!existed && newText === null) return null;
  const kind = newText === null ? 'delete' : existed ? 'update' : 'add';
  const bom = a.state === 'file' ? a.bom : before.state === 'file' && before.bom;
  const derived = after.derived && after.derived.from === path && oldText !== null ? after.derived : null;
  const oldLines = derived ? derived.old : splitLines(oldText ?? '');
  const set: HunkSet = derived
    ? hunksFromRegions(oldLines, derived.regions)
    : hunksFromRegions(oldLines, [wholeFileRegion(oldLines, splitLines(newText ?? ''))]);
  const eol = a.state === 'file' && a.eol ? a.eol : oldLines.eol;
  return {
    path,
    ...(movePath ? { movePath } : {}),
    kind,
    oldText,
    oldExisted: existed,
    newText,
    bom,
    eol,
    hunks: set.hunks,
    additions: set.additions,
    deletions: set.deletions,
  };
}
