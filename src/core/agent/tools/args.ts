// Argument validation and path resolution shared by the tools, with errors the model can act on.
import { toolArguments, type ToolArguments, type ToolName } from '../../../protocol';
import { PathOutsideWorkspaceError, type WorkspacePath } from '../../ports/workspace';
import { isProtectedPath } from '../../approvals/policy';
import { fail, type ToolContext, type ToolResult } from './tool';

export type Parsed<T extends ToolName> = { ok: true; args: ToolArguments<T> } | { ok: false; result: ToolResult };

export function parseArgs<T extends ToolName>(name: T, raw: Record<string, unknown>): Parsed<T> {
  const parsed = toolArguments[name].safeParse(raw);
  if (parsed.success) return { ok: true, args: parsed.data as ToolArguments<T> };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ');
  return { ok: false, result: fail(`Invalid arguments for ${name}: ${problems}`) };
}

export type Resolved = { ok: true; path: WorkspacePath } | { ok: false; result: ToolResult };

/** Resolves a model-supplied path inside the workspace, or explains why it cannot be used. */
export async function resolvePath(ctx: ToolContext, raw: string, opts: { forRead?: boolean } = {}): Promise<Resolved> {
  try {
    const path = await ctx.workspace.resolve(raw);
    if (opts.forRead && (await isProtected(ctx, path))) {
      return {
        ok: false,
        result: fail(`'${raw}' is a protected file (secrets, keys or .git internals) and is not read by tools. If it is needed, ask the user to attach it.`),
      };
    }
    return { ok: true, path };
  } catch (e) {
    if (e instanceof PathOutsideWorkspaceError) return { ok: false, result: fail(`Refused: ${e.message}. Only paths inside the workspace can be used.`) };
    throw e;
  }
}

/** Whether a path, or the file it really reaches through symlinks, is protected (.git internals, secrets, keys). */
export async function isProtected(ctx: ToolContext, path: WorkspacePath): Promise<boolean> {
  if (path === '') return false;
  if (isProtectedPath(ctx.settings, path, folderNames(ctx))) return true;
  const real = await ctx.workspace.canonical(path);
  return real !== path && isProtectedPath(ctx.settings, real, folderNames(ctx));
}

/** The folders' names in a multi-root workspace (rules anchored at the root apply in each); none for one folder. */
export function folderNames(ctx: ToolContext): string[] {
  const folders = ctx.workspace.folders;
  return folders.length > 1 ? folders.map((f) => f.name) : [];
}
