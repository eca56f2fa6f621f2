// Runs one tool call from the model: checks it, shows it (read-only tools get a compact card; shell,
// apply_patch and update_plan make their own items), asks the front end to approve a command when one
// needs it, and records it in the audit log (arguments as a digest, never in clear).
import type { ApprovalDecision, ItemOf } from '../../protocol';
import { ReadToolName } from '../../protocol';
import { digestArguments } from '../audit/record';
import { toolTargets } from '../instructions/tool-targets';
import { TurnInstructions } from '../instructions/turn-instructions';
import type { ThreadSession } from '../engine/thread-session';
import type { ConversationItem } from '../model/types';
import { isMcpToolName, MCP_LOAD_TOOL, type McpToolSet } from './mcp-tool-set';
import { toolByName } from './tools';
import { runMcpCall } from './tools/mcp-call';
import { fail, type ToolContext, type ToolResult } from './tools/tool';
import type { TurnDeps } from './turn-deps';

type ToolCall = Extract<ConversationItem, { type: 'toolCall' }>;

export async function runToolCall(deps: TurnDeps, session: ThreadSession, turnId: string, call: ToolCall, cancelTurn: () => void, mcpTools: McpToolSet): Promise<ToolResult> {
  const tool = toolByName(call.name);
  const mcpTool = mcpTools.lookup(call.name);
  let result: ToolResult;
  if (call.name === MCP_LOAD_TOOL && mcpTools.deferred && call.input !== null) {
    // Loading schemas touches nothing: no approval, but audited like any call.
    result = mcpTools.load(call.input);
  } else if (mcpTool && call.input !== null) {
    const ctx = toolContext(deps, session, turnId, call, cancelTurn);
    const input = call.input;
    result = await runMcpCall(ctx, mcpTool, input).catch((e: unknown) => fail(`${call.name} failed: ${e instanceof Error ? e.message : String(e)}`));
  } else if (!tool && !mcpTool) {
    const why = isMcpToolName(call.name) ? ' Its MCP server is not connected (or no longer offers it).' : '';
    result = { output: `Unknown tool '${call.name}'.${why} Available: read_file, list_dir, grep_files, apply_patch, shell, update_plan${mcpTools.size ? ' and the mcp__ tools listed' : ''}.`, isError: true };
  } else if (!tool || call.input === null) result = { output: `The arguments for ${call.name} were not valid JSON: ${call.rawArguments.slice(0, 500)}`, isError: true };
  else {
    const ctx = toolContext(deps, session, turnId, call, cancelTurn);
    const isRead = ReadToolName.safeParse(call.name);
    const input = call.input;
    // A tool that throws (an unreadable file, a name too long for the file system, a symlink loop) fails
    // its call, not the turn: the model is told what went wrong and can go on.
    const run = () => tool.run(input, ctx).catch((e: unknown) => fail(`${call.name} failed: ${e instanceof Error ? e.message : String(e)}`));
    if (isRead.success) result = await withCard(deps, session, turnId, call, isRead.data, run);
    else result = await run();
    // Instructions scoped to what the call touched (a nested AGENTS.md, an applyTo match) come with its result.
    const note = await TurnInstructions.forTool(session, await toolTargets(deps.workspace, call.name, input));
    if (note) result = { ...result, output: result.output + '\n' + note };
  }
  await deps.audit.record({
    type: 'toolCall',
    threadId: session.id,
    turnId,
    tool: call.name,
    // Canonical JSON, so the digest does not depend on whitespace or key order.
    argumentsSha256: digestArguments(call.input ?? call.rawArguments, deps.hasher),
    ...(result.approval ? { decision: result.approval.decision, decidedBy: result.approval.by } : { decision: 'auto', decidedBy: 'policy' }),
    outcome: result.approval && ['decline', 'cancel', 'refused'].includes(result.approval.decision) ? 'declined' : result.isError ? 'error' : 'ok',
    ...(session.identity ? { identity: session.identity } : {}),
  });
  return result;
}

async function withCard(
  deps: TurnDeps,
  session: ThreadSession,
  turnId: string,
  call: ToolCall,
  tool: ItemOf<'toolCall'>['tool'],
  run: () => Promise<ToolResult>,
): Promise<ToolResult> {
  const item: ItemOf<'toolCall'> = { id: `tool_${call.callId}`, turnId, createdAt: deps.clock.now(), type: 'toolCall', tool, arguments: call.input ?? {}, status: 'inProgress' };
  await session.started(item);
  const result = await run();
  await session.completed({
    ...item,
    status: result.isError ? 'failed' : 'completed',
    summary: summarise(tool, call.input ?? {}, result),
    ...(result.isError ? { error: { kind: 'invalidRequest' as const, message: result.output.slice(0, 500) } } : {}),
  });
  return result;
}

function summarise(tool: ItemOf<'toolCall'>['tool'], args: Record<string, unknown>, result: ToolResult): string {
  const first = (result.output.split('\n')[0] ?? '').slice(0, 200);
  if (result.isError) return first;
  switch (tool) {
    case 'read_file': {
      const lines = result.output.split('\n').filter((l) => /^L\d+: /.test(l));
      const from = lines[0]?.match(/^L(\d+)/)?.[1];
      const to = lines[lines.length - 1]?.match(/^L(\d+)/)?.[1];
      return `${String(args.file_path)}${from ? ` lines ${from}–${to}` : ''}`;
    }
    case 'list_dir':
      return `${String(args.dir_path)}: ${Math.max(0, result.output.split('\n').length - 1)} entries`;
    case 'grep_files': {
      const n = result.output.startsWith('No matches') ? 0 : result.output.split('\n').filter((l) => l && !l.startsWith('(')).length;
      return `/${String(args.pattern)}/ in ${n} file${n === 1 ? '' : 's'}`;
    }
  }
}

function toolContext(deps: TurnDeps, session: ThreadSession, turnId: string, call: ToolCall, cancelTurn: () => void): ToolContext {
  return {
    threadId: session.id,
    turnId,
    callId: call.callId,
    settings: deps.settings(),
    workspace: deps.workspace,
    shell: deps.shell,
    mcp: deps.mcp,
    clock: deps.clock,
    ids: deps.ids,
    hasher: deps.hasher,
    audit: deps.audit,
    patches: deps.patches,
    items: session,
    signal: session.running!.cancel.signal,
    commandsApprovedForSession: session.commandsApprovedForSession,
    cancelTurn,
    interactive: deps.interactive,
    approveCommand: async (itemId: string, command: string[], workdir: string, reason: string): Promise<ApprovalDecision> => {
      const asked = deps.client.request('item/command/requestApproval', { threadId: session.id, turnId, itemId, command, workdir, reason }).then((r) => r.decision);
      // An interrupt while the question is open ends the wait: the command does not run.
      const decision = await Promise.race([asked, whenAborted(session.running!.cancel.signal)]);
      if (decision === 'cancel') cancelTurn();
      return decision;
    },
  };
}

function whenAborted(signal: ToolContext['signal']): Promise<'cancel'> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve('cancel'), { once: true }));
}
