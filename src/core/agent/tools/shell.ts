// shell: runs a command in the workspace, after the approval policy (and, when it asks, the user) agrees,
// inside the OS sandbox when there is one. Output is bounded (head and tail kept), time is bounded, and
// cloud credentials are left out of the command's environment unless the user allowed them.
import type { ItemOf } from '../../../protocol';
import { analyzeCommand } from '../../approvals/command-analysis';
import { decideCommand, isProtectedPath } from '../../approvals/policy';
import { parseArgs, resolvePath } from './args';
import { extractApplyPatchInvocation } from './apply-patch-invocation';
import { passApprovalGate } from './approval-gate';
import { fail, ok, type Tool, type ToolContext, type ToolResult } from './tool';

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 32 * 1024;
/** Live output sent to the views at most this often. */
const UPDATE_INTERVAL_MS = 250;

export interface ShellToolOptions {
  /** Runs an apply_patch invocation written as a shell command (Codex-trained models do this). */
  applyPatch(input: string, ctx: ToolContext): Promise<ToolResult>;
}

export function createShellTool(opts: ShellToolOptions): Tool {
  return {
    name: 'shell',
    description: 'Run a command (argv) in the workspace. Use ["bash","-lc","…"] for pipes or &&.',
    async run(raw, ctx) {
      const p = parseArgs('shell', raw);
      if (!p.ok) return p.result;
      const { command, workdir = '.', timeout_ms = DEFAULT_TIMEOUT_MS } = p.args;
      const patch = extractApplyPatchInvocation(command);
      if (patch !== undefined) return opts.applyPatch(patch, ctx);
      const r = await resolvePath(ctx, workdir);
      if (!r.ok) return r.result;
      // In a multi-root workspace the folders' parent is nowhere on disk: a command runs in the first folder.
      const folders = ctx.workspace.folders;
      const at = r.path === '' && folders.length > 1 ? folders[0]!.name : r.path;
      const dir = await ctx.workspace.read(at);
      if (dir.kind !== 'directory') return fail(`workdir '${workdir}' is not a directory.`);
      return runApproved(ctx, command, at, timeout_ms);
    },
  };
}

/** Protected files at each folder's top (.env, keys): a sandboxed command may read them, never change them. */
async function protectedAtRoot(ctx: ToolContext): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folderPaths(ctx)) {
    const entries = await ctx.workspace.listDir(folder).catch(() => []);
    for (const e of entries) {
      if (e.kind !== 'symlink' && isProtectedPath(ctx.settings, e.name)) found.push(ctx.workspace.absolute(folder ? `${folder}/${e.name}` : e.name));
    }
  }
  return found;
}

/** The workspace path of each folder's top: '' for a single folder, else each folder's name. */
function folderPaths(ctx: ToolContext): string[] {
  const folders = ctx.workspace.folders;
  return folders.length > 1 ? folders.map((f) => f.name) : [''];
}

async function runApproved(ctx: ToolContext, command: string[], workdir: string, timeoutMs: number): Promise<ToolResult> {
  const base: ItemOf<'commandExecution'> = {
    id: `cmd_${ctx.callId}`,
    turnId: ctx.turnId,
    createdAt: ctx.clock.now(),
    type: 'commandExecution',
    command,
    workdir,
    status: 'inProgress',
    output: '',
    timedOut: false,
  };
  const sandbox = await ctx.shell.sandbox();
  const analysis = await analyzeCommand(command, ctx.shell);
  const verdict = decideCommand(ctx.settings, command, analysis, ctx.commandsApprovedForSession, sandbox);
  const gate = await passApprovalGate(ctx, base, verdict, {
    command,
    workdir,
    sessionKey: command.join('\u0000'),
    instead: 'Continue without running commands, or say what the user should run.',
    declined: 'The user declined to run this command.',
  });
  if ('result' in gate) return gate.result;
  const { approval } = gate;
  const running: ItemOf<'commandExecution'> = { ...base, status: 'inProgress', approval };
  await ctx.items.started(running);
  let live = '';
  let lastUpdate = 0;
  const result = await ctx.shell.run({
    command,
    cwd: ctx.workspace.absolute(workdir),
    workspaceRoots: folderPaths(ctx).map((f) => ctx.workspace.absolute(f)),
    network: ctx.settings.shellNetwork,
    readOnlyPaths: await protectedAtRoot(ctx),
    timeoutMs,
    maxOutputBytes: MAX_OUTPUT_BYTES,
    passCloudCredentials: ctx.settings.shellPassCloudCredentials,
    signal: ctx.signal,
    onOutput: (chunk) => {
      live = (live + chunk).slice(-MAX_OUTPUT_BYTES);
      const now = ctx.clock.now();
      if (now - lastUpdate >= UPDATE_INTERVAL_MS) {
        lastUpdate = now;
        void ctx.items.updated({ ...running, output: live });
      }
    },
  });
  const interrupted = ctx.signal.aborted && result.exitCode === null && !result.timedOut;
  await ctx.items.completed({
    ...running,
    status: interrupted ? 'interrupted' : result.exitCode === 0 ? 'completed' : 'failed',
    exitCode: result.exitCode,
    output: result.output,
    timedOut: result.timedOut,
    durationMs: result.durationMs,
  });
  const lines = [
    `Exit code: ${result.exitCode ?? (result.signal ? `killed by ${result.signal}` : 'none')}`,
    `Wall time: ${(result.durationMs / 1000).toFixed(1)} seconds`,
    ...(result.timedOut ? [`Timed out after ${timeoutMs} ms`] : []),
    ...(result.truncated ? ['Output truncated: the middle was left out'] : []),
    'Output:',
    result.output,
  ];
  const text = lines.join('\n');
  return { ...(result.exitCode === 0 ? ok(text) : fail(text)), approval };
}
