// The patch engine's data: what a parsed patch holds, what the engine reads and writes, and the plan it
// produces for review. src/patch cannot import src/core, so the read/write shapes are declared here; they
// are structurally compatible with core's FileRead and FileWrite (src/core/ports/workspace.ts): a Workspace
// `read` result can be passed straight in and `planToWrites` output handed straight to `Workspace.write`.

/** One chunk of an Update: the lines it replaces and the lines it puts in their place. */
export interface UpdateChunk {
  /** The `@@ <anchor>` line: the cursor moves past the first line matching it before the chunk is sought. */
  anchor: string | null;
  /** Context and removed lines, as they should appear in the file (without line endings). */
  oldLines: string[];
  /** Context and added lines. */
  newLines: string[];
  /**
   * For each new line: the index in oldLines of the context line it repeats, or -1 for an added line.
   * Context lines keep the file's own text and ending; only added lines are written from the patch.
   */
  keep: number[];
  /** `*** End of File`: the old lines must be the last lines of the file. */
  endOfFile: boolean;
  /** 1-based line of the patch where the chunk starts. */
  patchLine: number;
  /** Unified diffs only: 0-based line where the hunk header says the old lines start. */
  lineHint?: number;
  /** Unified diffs only: a `\ No newline at end of file` marker on the old / new side. */
  oldMissingNewline?: boolean;
  newMissingNewline?: boolean;
}

export type FileOp =
  | { type: 'add'; path: string; contents: string; patchLine: number }
  | { type: 'delete'; path: string; patchLine: number }
  | { type: 'update'; path: string; movePath: string | null; chunks: UpdateChunk[]; patchLine: number };

export interface ParsedPatch {
  /** Which syntax the text was in: Codex's apply_patch format, or a unified (git) diff. */
  format: 'codex' | 'unified';
  /** File operations in patch order; paths exactly as written in the patch. */
  ops: FileOp[];
  /** `*** Environment ID:` preamble (newer Codex), when present. */
  environmentId?: string;
}

/** What a file looks like to the engine. Compatible with core's FileRead. */
export type PatchFileRead =
  | { kind: 'missing' }
  | { kind: 'directory' }
  | { kind: 'other' }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string; version: number; dirty: boolean };

/** Reads a file by workspace-relative, '/'-separated path. */
export type PatchReader = (path: string) => Promise<PatchFileRead>;

/** One change to make. Compatible with core's FileWrite. */
export type PatchFileWrite =
  | { op: 'write'; path: string; text: string; bom: boolean; expected?: string | null }
  | { op: 'delete'; path: string; expected?: string };

export type Eol = '\n' | '\r\n';

/** One reviewable hunk; maps one-to-one onto the protocol's PatchHunk (plus a decision). */
export interface PlannedHunk {
  /** Stable id within the file: 0-based position when planned; kept across a re-match where the change is the same. */
  index: number;
  /** 1-based, as in jsdiff's structured patches (an insertion has oldLines 0 and oldStart = the line after it). */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Unified-diff body lines (' ', '-', '+', and '\ No newline at end of file' markers), without line endings. */
  lines: string[];
  additions: number;
  deletions: number;
}

/** The net change to one file (or one moved file) once every operation of the patch is applied. */
export interface PlannedFile {
  /** Workspace-relative, '/'-separated. */
  path: string;
  /** Where an update moves the file to. */
  movePath?: string;
  kind: 'add' | 'delete' | 'update';
  /** The text at `path` before, without BOM; null when it did not exist or is not text. */
  oldText: string | null;
  /** Whether `path` existed before (an Add may overwrite, as in Codex). */
  oldExisted: boolean;
  /** The text after (at movePath for a move), without BOM; null when deleted. */
  newText: string | null;
  /** Moves only: what `movePath` held before (a move may overwrite, as in Codex). */
  moveTargetOldText?: string | null;
  moveTargetExisted?: boolean;
  /** Whether the written file starts with a UTF-8 byte-order mark (kept from the file it replaces). */
  bom: boolean;
  /** The file's line ending, used for the lines the patch adds. */
  eol: Eol;
  hunks: PlannedHunk[];
  additions: number;
  deletions: number;
}

/** One line of Codex's success summary. */
export interface SummaryEntry {
  op: 'A' | 'M' | 'D';
  /** As written in the patch (the destination for a move). */
  path: string;
}

export interface PlanOptions {
  /** Absolute path of the workspace root (POSIX or Windows form): absolute patch paths must be inside it. */
  root?: string;
  /** The folders of a multi-root workspace: paths start with a folder's name (then `root` is not used). */
  folders?: readonly { name: string; root: string }[];
}

/** Every file a patch changes, computed before anything is written. */
export interface PatchPlan {
  /** The patch this plan was made from, kept so that it can be re-matched. */
  patch: ParsedPatch;
  options: PlanOptions;
  files: PlannedFile[];
  summary: SummaryEntry[];
}

/**
 * Which hunks to apply, by PlannedFile.path: true or absent = all of them, false = none (the file is left
 * as it is), an array = the hunks with these indexes. An added or deleted file is one unit: any index
 * accepts it. A move with an empty array moves the file without changing it.
 */
export type HunkSelection = Readonly<Record<string, boolean | readonly number[]>>;
