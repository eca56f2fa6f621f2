// Where checkpoints are kept: snapshots of the workspace's files (content-addressed, outside the
// workspace, out of the sandbox's reach), and the journal that makes a restore survive a crash.
// Implemented over the engine's state folder in src/host/checkpoints.
import type { CheckpointKind } from '../../protocol';
import type { WorkspacePath } from './workspace';

/** One file as a snapshot knows it. */
export interface FileState {
  sha256: string;
  size: number;
  /** Permission bits (0o644, 0o755…). */
  mode: number;
}

/** `secret`: the file holds a credential Crosswind knows or recognises — never copied out of the workspace. */
export type SkipReason = 'ignored' | 'excluded' | 'tooLarge' | 'protected' | 'secret' | 'symlink' | 'hardLink' | 'notFile' | 'unreadable';

/** The workspace's files as one scan saw them. */
export interface WorkspaceSnapshot {
  files: Record<WorkspacePath, FileState>;
  /**
   * What the scan left out, each file or folder once (nothing below a skipped folder is listed): a restore
   * never deletes or writes anything at or below these.
   */
  skipped: { path: WorkspacePath; why: SkipReason }[];
  /** The scan stopped at its file limit: files it did not reach are neither restored nor deleted. */
  partial: boolean;
}

export interface CheckpointMeta {
  id: string;
  threadId: string;
  turnId: string;
  kind: CheckpointKind;
  createdAt: number;
  label: string;
}

export interface Checkpoint extends CheckpointMeta {
  snapshot: WorkspaceSnapshot;
}

export interface ScanRules {
  /** Globs of files never copied into a checkpoint (the protected files: keys, .env). */
  protectedGlobs: readonly string[];
}

/** A restore being written, kept until it is done: after a crash it is finished (or its state reported). */
export interface RestoreJournal {
  checkpointId: string;
  /** The thread and turn the restore is recorded in. */
  threadId: string;
  turnId: string;
  beforeRestoreId: string;
  startedAt: number;
  changes: { path: WorkspacePath; from: FileState | null; to: FileState | null }[];
}

export interface CheckpointStore {
  /** Where it lives, for messages. */
  readonly location: string;
  /** Scans the workspace and stores every file it covers; the checkpoint exists once this resolves. */
  capture(meta: CheckpointMeta, rules: ScanRules): Promise<Checkpoint>;
  /** The workspace now (hashes only, nothing stored). */
  scan(rules: ScanRules): Promise<WorkspaceSnapshot>;
  /** One file now: null when absent, 'notFile' when something else (a folder, a symlink) is there. */
  stat(path: WorkspacePath): Promise<FileState | null | 'notFile'>;
  /** Newest first. */
  list(): Promise<CheckpointMeta[]>;
  get(id: string): Promise<Checkpoint | undefined>;
  /** A stored file's bytes. */
  read(sha256: string): Promise<Uint8Array>;
  /** Removes what a write killed mid-way left beside these files (temporary copies); after a crash. */
  removeLeftovers(paths: WorkspacePath[]): Promise<void>;
  readJournal(): Promise<RestoreJournal | undefined>;
  /** Written durably (fsynced) before a restore writes any file. */
  writeJournal(journal: RestoreJournal): Promise<void>;
  clearJournal(): Promise<void>;
}
