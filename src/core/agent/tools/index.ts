// The tools the model is given, with Codex's names and arguments.
import { applyPatchInput, applyPatchTool } from './apply-patch';
import { grepFilesTool } from './grep-files';
import { listDirTool } from './list-dir';
import { readFileTool } from './read-file';
import { createShellTool } from './shell';
import type { Tool } from './tool';
import { updatePlanTool } from './update-plan';

export const TOOLS: Tool[] = [
  readFileTool,
  listDirTool,
  grepFilesTool,
  applyPatchTool,
  createShellTool({ applyPatch: (input, ctx) => applyPatchInput(input, ctx) }),
  updatePlanTool,
];

export function toolByName(name: string): Tool | undefined {
  return TOOLS.find((t) => t.name === name);
}
