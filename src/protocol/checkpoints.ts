// Checkpoints: the workspace's files as they were before a turn changed anything, kept by the engine so
// the user can put them back ("Restore to before this turn", `crosswind checkpoint restore`).
import * as z from 'zod';
import { EpochMs, Id } from './common';

/** `turn`: taken before a turn's first change; `beforeRestore`: the files as they were just before a restore (its undo). */
export const CheckpointKind = z.enum(['turn', 'beforeRestore']);
export type CheckpointKind = z.infer<typeof CheckpointKind>;

export const CheckpointSummary = z.object({
  id: Id,
  threadId: Id,
  turnId: Id,
  kind: CheckpointKind,
  createdAt: EpochMs,
  /** The turn's request, first line (redacted). */
  label: z.string(),
  /** Files in the snapshot. */
  fileCount: z.number().int().nonnegative(),
  /** Workspace paths a restore would change now, sorted. */
  files: z.array(z.string()),
  /** What the snapshot does not cover, one short line each ("node_modules/ (excluded)", "big.bin (over 10 MB)"). */
  notCovered: z.array(z.string()),
  /** The scan stopped at its file limit: files beyond it are neither restored nor deleted. */
  partial: z.boolean(),
});
export type CheckpointSummary = z.infer<typeof CheckpointSummary>;

export const RestoredFile = z.object({
  path: z.string(),
  action: z.enum(['written', 'created', 'deleted']),
});
export type RestoredFile = z.infer<typeof RestoredFile>;

export const CheckpointRestoreResult = z.object({
  checkpoint: CheckpointSummary,
  /** What the restore changed. */
  changed: z.array(RestoredFile),
  /** The checkpoint of the files as they were just before this restore: restoring it undoes the restore. */
  beforeRestoreId: Id.optional(),
  /** Files a restore could not put back, each with why (a symlink now, a file the scan left out…). */
  notRestored: z.array(z.string()),
});
export type CheckpointRestoreResult = z.infer<typeof CheckpointRestoreResult>;
