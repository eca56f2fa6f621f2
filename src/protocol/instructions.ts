// Project instructions the engine gave the model in a turn: AGENTS.md files (the root one and nested ones,
// nearest wins), `.github/copilot-instructions.md`, and `.github/instructions/*.instructions.md` whose
// `applyTo` globs match the files the turn touches or mentions.
import * as z from 'zod';

export const InstructionSource = z.enum(['agents', 'copilot', 'instructions']);
export type InstructionSource = z.infer<typeof InstructionSource>;

export const InstructionFile = z.object({
  /** Workspace-relative path of the instruction file. */
  path: z.string(),
  source: InstructionSource,
  /** Why it applies: "whole workspace", or the file it was used for ("src/api/users.ts"). */
  appliesTo: z.string(),
  /** Bytes of the file (before any cut). */
  bytes: z.number().int().nonnegative(),
  /** Cut to fit the size limit (per file or in total). */
  truncated: z.boolean(),
});
export type InstructionFile = z.infer<typeof InstructionFile>;
