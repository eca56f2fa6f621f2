// Arguments of the model-facing tools, with Codex's names and shapes so Codex-trained models use them well.
// Declared with zod: the engine validates a call against the same schema it sends to the model.
import * as z from 'zod';
import { PlanStepStatus } from './items';

const Count = z.number().int().positive();

export const toolArguments = {
  read_file: z.object({
    file_path: z.string().min(1).describe('Path relative to the workspace root, or absolute inside it'),
    offset: Count.optional().describe('1-based line to start at'),
    limit: Count.optional().describe('Max lines (default 2000)'),
  }),
  list_dir: z.object({
    dir_path: z.string().min(1).describe('Directory, relative to the workspace root or absolute inside it'),
    offset: Count.optional().describe('1-based entry to start at'),
    limit: Count.optional().describe('Max entries (default 200)'),
    depth: Count.optional().describe('Levels to descend (default 2)'),
  }),
  grep_files: z.object({
    pattern: z.string().min(1).describe('Regular expression'),
    include: z.string().optional().describe('Glob of files to search, e.g. "*.ts"'),
    path: z.string().optional().describe('Directory to search (default: workspace root)'),
    limit: Count.optional().describe('Max files to list (default 100)'),
  }),
  apply_patch: z.object({
    input: z.string().min(1).describe('The whole patch, from *** Begin Patch to *** End Patch'),
  }),
  shell: z.object({
    command: z.array(z.string()).min(1).describe('argv, e.g. ["npm","test"]; use ["bash","-lc","..."] for shell syntax'),
    workdir: z.string().optional().describe('Working directory (default: workspace root)'),
    timeout_ms: Count.max(3_600_000).optional().describe('Timeout (default 120000)'),
  }),
  update_plan: z.object({
    explanation: z.string().optional(),
    plan: z.array(z.object({ step: z.string().min(1), status: PlanStepStatus })).max(50),
  }),
} as const;

export type ToolName = keyof typeof toolArguments;
export const TOOL_NAMES = Object.keys(toolArguments) as ToolName[];
export type ToolArguments<T extends ToolName> = z.infer<(typeof toolArguments)[T]>;

/** JSON Schema for a tool's arguments, trimmed of keys models do not need (they cost tokens on every request). */
export function toolParametersSchema(name: ToolName): Record<string, unknown> {
  const schema = z.toJSONSchema(toolArguments[name], { target: 'draft-7' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}
