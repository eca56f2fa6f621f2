// The one error type the patch engine throws. Every failure a model or a user can cause (a malformed patch,
// a chunk that does not match, a path outside the workspace, a binary file) is a PatchError with a kind the
// caller can branch on and a message worded like Codex's where Codex has one, so Codex-trained models
// recognise it and retry well.

export type PatchErrorKind =
  /** The patch text as a whole is not a patch (missing Begin/End markers, unparsable unified diff). */
  | 'invalidPatch'
  /** One file section or chunk of the patch is malformed; `patchLine` says where. */
  | 'invalidHunk'
  /** The patch changes nothing. */
  | 'noChanges'
  /** An `@@ anchor` line or a chunk's lines were not found in the file. */
  | 'noMatch'
  /** Update or Delete of a file that does not exist. */
  | 'fileMissing'
  /** The path is a directory or a special file. */
  | 'notAFile'
  /** The file has NUL bytes, is not valid UTF-8, or is UTF-16/32. */
  | 'notText'
  /** The path resolves outside the workspace root. */
  | 'outsideWorkspace'
  /** The path is empty, names the root or a directory, or holds a NUL character. */
  | 'invalidPath'
  /** Reading a file failed for another reason (permissions, I/O). */
  | 'readFailed'
  /** A pending patch no longer applies to the files as they are now. */
  | 'stale'
  /** A construct we deliberately do not handle (binary diffs, copies). */
  | 'unsupported';

/** The lines of the file that came closest to what a failed chunk looked for. */
export interface ClosestMatch {
  /** 1-based line number in the file of the first line shown. */
  line: number;
  lines: string[];
  /** How many of the lines looked for matched (ignoring whitespace and typographic punctuation). */
  matching: number;
}

export interface PatchErrorDetails {
  /** 1-based line in the patch text. */
  patchLine?: number;
  /** Workspace path of the file concerned. */
  path?: string;
  /** 1-based index of the failing chunk within its file section. */
  chunk?: number;
  /** The lines the failing chunk looked for. */
  expected?: string[];
  closest?: ClosestMatch;
  /** What else would have worked, said after the message (kept out of it: its first line is Codex's wording). */
  hint?: string;
  cause?: unknown;
}

export class PatchError extends Error {
  readonly kind: PatchErrorKind;
  readonly patchLine?: number;
  readonly path?: string;
  readonly chunk?: number;
  readonly expected?: string[];
  readonly closest?: ClosestMatch;
  readonly hint?: string;

  constructor(kind: PatchErrorKind, message: string, details: PatchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PatchError';
    this.kind = kind;
    this.patchLine = details.patchLine;
    this.path = details.path;
    this.chunk = details.chunk;
    this.expected = details.expected;
    this.closest = details.closest;
    this.hint = details.hint;
  }
}

export function isPatchError(e: unknown): e is PatchError {
  return e instanceof PatchError;
}

/** Codex's wording for a malformed file section or chunk. */
export function invalidHunk(patchLine: number, message: string): PatchError {
  return new PatchError('invalidHunk', `Invalid patch hunk on line ${patchLine}: ${message}`, { patchLine });
}

/** Codex's wording for a patch whose boundaries are wrong. */
export function invalidPatch(message: string, hint?: string): PatchError {
  return new PatchError('invalidPatch', `Invalid patch: ${message}`, hint === undefined ? {} : { hint });
}

/** Said when the text is neither format: the other one we read is not in Codex's own message. */
export const UNIFIED_DIFF_HINT = "A unified diff is accepted too, as `git diff` or `diff -u` prints it (starting with 'diff --git' or with '--- a/…' and '+++ b/…').";
