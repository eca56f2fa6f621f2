// The patch engine: Codex apply_patch (and unified diffs) parsed, matched like Codex, planned all or
// nothing, reviewable hunk by hunk. Pure TypeScript: no file system, no editor; callers pass a reader and
// apply the resulting writes through their Workspace.
//
//   const plan = await planPatch(parsePatch(text), (p) => workspace.read(p), { root: workspace.root });
//   await workspace.write(planToWrites(plan, selection));
export { parsePatch } from './parse';
export { planPatch } from './plan';
export { rematchPlan } from './rematch';
export { selectHunks } from './select';
export { planToWrites } from './writes';
export { unifiedDiff, summarize, SUMMARY_HEADER } from './render';
export { formatCodexPatch, type TextChange } from './generate';
export { withProposedText, textDiff } from './edit';
export { normalizeWorkspacePath, normalizeInFolders, type NamedFolder } from './paths';
export { hunkScopes, type HunkScope } from './hunk-scope';
export { decodeFileBytes, decodeUtf8, type DecodedFile } from './utf8';
export { detectEol } from './lines';
export { PatchError, isPatchError, type PatchErrorKind, type PatchErrorDetails, type ClosestMatch } from './errors';
export type {
  Eol,
  FileOp,
  HunkSelection,
  ParsedPatch,
  PatchFileRead,
  PatchFileWrite,
  PatchPlan,
  PatchReader,
  PlanOptions,
  PlannedFile,
  PlannedHunk,
  SummaryEntry,
  UpdateChunk,
} from './types';
