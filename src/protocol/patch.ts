// A pending patch as the views see it: files, hunks and the user's decision on each hunk.
// The engine owns this state; the sidebar and the diff editor are two views of it.
import * as z from 'zod';
import { ErrorInfo } from './common';

export const HunkDecision = z.enum(['pending', 'accepted', 'rejected']);
export type HunkDecision = z.infer<typeof HunkDecision>;

export const PatchHunk = z.object({
  /** 0-based position in the file's hunk list; stable for the life of the patch. */
  index: z.number().int().nonnegative(),
  /** 1-based line numbers, as in a unified diff header. */
  oldStart: z.number().int().nonnegative(),
  oldLines: z.number().int().nonnegative(),
  newStart: z.number().int().nonnegative(),
  newLines: z.number().int().nonnegative(),
  /** Unified-diff body lines, each starting with ' ', '-' or '+'. */
  lines: z.array(z.string()),
  decision: HunkDecision,
  /**
   * What the hunk is about, named from the file's text: the declaration it is in ("function mean(values)")
   * or the one it adds. Absent when it is in none (the views then say where it is by line).
   */
  scope: z.object({ kind: z.enum(['within', 'adds']), name: z.string().max(200) }).optional(),
});
export type PatchHunk = z.infer<typeof PatchHunk>;

export const PatchFileKind = z.enum(['add', 'delete', 'update']);
export type PatchFileKind = z.infer<typeof PatchFileKind>;

export const PatchFile = z.object({
  /** Workspace-relative, '/'-separated. */
  path: z.string(),
  movePath: z.string().optional(),
  kind: PatchFileKind,
  additions: z.number().int().nonnegative(),
  deletions: z.number().int().nonnegative(),
  hunks: z.array(PatchHunk),
  /** The user edited the proposed text of this file (patch/edit): its hunks are the user's version. */
  editedByUser: z.boolean().optional(),
});
export type PatchFile = z.infer<typeof PatchFile>;

export const PatchStatus = z.enum([
  /** Waiting for the user (or policy). */
  'pending',
  /** Every accepted hunk is on disk / in the editor. */
  'applied',
  /** Some hunks applied, the others rejected by the user. */
  'partiallyApplied',
  'rejected',
  /** Reverted after it was applied (patch/revert). */
  'reverted',
  /** The files changed since it was proposed and it no longer matches: never applied over the user's change. */
  'stale',
  'failed',
]);
export type PatchStatus = z.infer<typeof PatchStatus>;

export const PatchView = z.object({
  id: z.string(),
  status: PatchStatus,
  files: z.array(PatchFile),
  /** Why it is stale or failed. */
  error: ErrorInfo.optional(),
  /** Who decided: the user or the approval policy. */
  decidedBy: z.enum(['user', 'policy']).optional(),
  /** Why an applied patch can no longer be reverted (Revert is not offered). */
  revertRefused: z.string().optional(),
});
export type PatchView = z.infer<typeof PatchView>;

/** One decision from a view: a whole file when `hunk` is omitted. */
export const HunkDecisionInput = z.object({
  path: z.string(),
  hunk: z.number().int().nonnegative().optional(),
  decision: z.enum(['accepted', 'rejected']),
});
export type HunkDecisionInput = z.infer<typeof HunkDecisionInput>;

/** The largest edited proposal (characters) patch/edit accepts: a source file, not a data dump. */
export const MAX_EDITED_PROPOSAL_CHARS = 2_000_000;
