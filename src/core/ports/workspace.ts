// How the engine sees the files it works on. Implemented over the file system for the CLI and tests
// (src/host) and over the editor's open documents plus the file system for VS Code (src/server).
import type { AbortSignalLike } from './cancellation';

/**
 * A workspace-relative path, '/'-separated, normalised, never starting with '/' or '..'; '' is the root.
 * In a workspace of several folders its first segment is the folder's name ('api/src/index.ts'), and ''
 * is the folders' parent, which lists them as directories.
 */
export type WorkspacePath = string;

/** One folder of the workspace. */
export interface WorkspaceFolder {
  /** The first segment of its paths when the workspace has several folders; '' when it is the only one. */
  name: string;
  /** Absolute path, in the platform's form. */
  root: string;
}

export type FileRead =
  | { kind: 'missing' }
  | { kind: 'directory' }
  /** A socket, device or similar: never read or written. */
  | { kind: 'other' }
  /** On disk: the raw bytes (the patch engine decodes them and refuses binary or non-UTF-8 content). */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** Open in the editor: the buffer as the user sees it, unsaved changes included. */
  | { kind: 'text'; text: string; version: number; dirty: boolean };

export interface DirEntry {
  name: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
}

export interface SearchRequest {
  /** A regular expression (Rust/PCRE-like syntax, as ripgrep takes it). */
  pattern: string;
  /** Glob of file names to include. */
  include?: string;
  /** Where to search. */
  path: WorkspacePath;
  /** Max files to report. */
  limit: number;
  signal?: AbortSignalLike;
}

export interface SearchResult {
  /** Files with at least one match, most recently modified first. */
  files: WorkspacePath[];
  truncated: boolean;
}

/** One file change, applied only if the file still holds `expected` (optimistic concurrency). */
export type FileWrite =
  | {
      op: 'write';
      path: WorkspacePath;
      text: string;
      /** Keep (or add) a UTF-8 byte-order mark. */
      bom: boolean;
      /** The text the change was computed from; null = the file must not exist. Omitted = no check. */
      expected?: string | null;
    }
  | {
      op: 'delete';
      path: WorkspacePath;
      expected?: string;
      /** SHA-256 of the bytes the file must hold (a checkpoint restore, where the file may not be text). */
      expectedSha256?: string;
    }
  /**
   * Exact bytes, any content, with a mode (a checkpoint restore puts a file back byte for byte). In the
   * editor a file open with unsaved changes is a conflict; one open without is edited like a patch.
   */
  | {
      op: 'writeBytes';
      path: WorkspacePath;
      bytes: Uint8Array;
      /** Permission bits (e.g. 0o755); omitted: kept, or the default for a new file. */
      mode?: number;
      /** SHA-256 of the bytes the file must hold; null = it must not exist; omitted = no check. */
      expectedSha256?: string | null;
    };

export type WriteOutcome =
  | { ok: true; written: WorkspacePath[] }
  /** Nothing was written. `conflicts` lists files that no longer held what was expected. */
  | { ok: false; reason: string; conflicts: WorkspacePath[] };

export interface Workspace {
  /** Absolute path of the workspace root (the first folder's, when there are several), in the platform's form. */
  readonly root: string;
  /** Every folder, in order: one (named '') for a single-folder workspace. */
  readonly folders: readonly WorkspaceFolder[];
  /**
   * Turns a model- or user-supplied path (relative to the root, or absolute inside it) into a
   * WorkspacePath. Refuses, with PathOutsideWorkspaceError, anything that resolves outside the root,
   * including through a symlink anywhere along the path.
   */
  resolve(path: string): Promise<WorkspacePath>;
  /**
   * The file a read or write of `path` really reaches: every symlink along it followed (refused with
   * PathOutsideWorkspaceError if that is outside). Protected-file rules are checked against it too, so a
   * link named `notes.txt` that leads to `.git/config` is as protected as `.git/config`.
   */
  canonical(path: WorkspacePath): Promise<WorkspacePath>;
  read(path: WorkspacePath): Promise<FileRead>;
  listDir(path: WorkspacePath): Promise<DirEntry[]>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** All or nothing: if any write cannot be made, none is, and the outcome says why. */
  write(changes: FileWrite[]): Promise<WriteOutcome>;
  /**
   * Absolute platform path of a workspace path (for the shell's working directory). In a multi-root
   * workspace '' is no folder on disk and is refused.
   */
  absolute(path: WorkspacePath): string;
}

export class PathOutsideWorkspaceError extends Error {
  constructor(
    readonly requested: string,
    readonly why: string,
  ) {
    super(`Path '${requested}' is outside the workspace: ${why}`);
    this.name = 'PathOutsideWorkspaceError';
  }
}
