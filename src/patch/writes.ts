// From a plan (and the user's hunk decisions) to the list of file changes a Workspace applies all or
// nothing. Each change carries what the file held when the plan was made, so a file the user edited in
// the meantime is reported as a conflict instead of being overwritten.
import type { HunkSelection, PatchFileWrite, PatchPlan, PlannedFile } from './types';
import { selectHunks } from './select';

export function planToWrites(plan: PatchPlan, selection: HunkSelection = {}): PatchFileWrite[] {
  const writes: PatchFileWrite[] = [];
  for (const file of plan.files) {
    const choice = Object.prototype.hasOwnProperty.call(selection, file.path) ? selection[file.path] : true;
    if (choice === false) continue;
    const text = choice === true ? file.newText : selectHunks(file, choice);
    writes.push(...writesFor(file, text, choice === true || choice.length > 0));
  }
  return writes;
}

function writesFor(file: PlannedFile, text: string | null, anyAccepted: boolean): PatchFileWrite[] {
  const expectedOld = file.oldExisted ? (file.oldText ?? undefined) : null;
  if (file.kind === 'delete') {
    if (!anyAccepted) return [];
    return [file.oldText === null ? { op: 'delete', path: file.path } : { op: 'delete', path: file.path, expected: file.oldText }];
  }
  if (file.movePath !== undefined) {
    if (text === null) return [];
    const targetExpected = file.moveTargetExisted ? (file.moveTargetOldText ?? undefined) : null;
    return [
      withExpected({ op: 'write', path: file.movePath, text, bom: file.bom }, targetExpected),
      file.oldText === null ? { op: 'delete', path: file.path } : { op: 'delete', path: file.path, expected: file.oldText },
    ];
  }
  if (text === null || text === file.oldText) return [];
  return [withExpected({ op: 'write', path: file.path, text, bom: file.bom }, expectedOld)];
}

/** `undefined` (the old content was not text) means no check, so the key is left out. */
function withExpected(write: PatchFileWrite & { op: 'write' }, expected: string | null | undefined): PatchFileWrite {
  return expected === undefined ? write : { ...write, expected };
}
