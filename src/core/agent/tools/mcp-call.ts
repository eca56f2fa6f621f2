// A call of an MCP server's tool: the approval policy first (like a command: it can do anything its
// server can), then the call through the McpServers port, which bounds it in time and ends it with the
// turn. The result is bounded (head and tail kept) and redacted like a command's output before the
// model or the views see it.
import type { ItemOf } from '../../../protocol';
import { keepHeadAndTail, redactSecrets } from '../../../shared';
import { decideMcpCall, mcpSessionKey } from '../../approvals/policy';
import type { McpToolInfo } from '../../ports/mcp';
import { passApprovalGate } from './approval-gate';
import { fail, ok, type ToolContext, type ToolResult } from './tool';

/** As for a command's output: what the model is given of one result. */
const MAX_OUTPUT_CHARS = 32 * 1024;

export async function runMcpCall(ctx: ToolContext, tool: McpToolInfo, args: Record<string, unknown>): Promise<ToolResult> {
  const base: ItemOf<'mcpToolCall'> = {
    id: `mcp_${ctx.callId}`,
    turnId: ctx.turnId,
    createdAt: ctx.clock.now(),
    type: 'mcpToolCall',
    server: tool.server,
    tool: tool.name,
    arguments: args,
    status: 'inProgress',
    output: '',
  };
  const verdict = decideMcpCall(ctx.settings, tool.server, tool.name, ctx.commandsApprovedForSession);
  const gate = await passApprovalGate(ctx, base, verdict, {
    // Asked through the one approval question the editor answers: the "command" names the server's tool
    // and its arguments, so the person approving sees exactly what would be called.
    command: [`mcp:${tool.server}/${tool.name}`, JSON.stringify(args)],
    workdir: '',
    sessionKey: mcpSessionKey(tool.server, tool.name),
    instead: 'Continue without this tool, or say what the user should do.',
    declined: 'The user declined to run this MCP tool.',
  });
  if ('result' in gate) return gate.result;
  const { approval } = gate;
  const running: ItemOf<'mcpToolCall'> = { ...base, status: 'inProgress', approval };
  await ctx.items.started(running);
  const started = ctx.clock.now();
  const result = await ctx.mcp.call(tool.server, tool.name, args, ctx.signal);
  const bounded = keepHeadAndTail(redactSecrets(result.text), MAX_OUTPUT_CHARS);
  const interrupted = ctx.signal.aborted;
  await ctx.items.completed({
    ...running,
    status: interrupted ? 'interrupted' : result.isError ? 'failed' : 'completed',
    output: bounded.text,
    durationMs: Math.max(0, ctx.clock.now() - started),
  });
  const text = bounded.truncated ? `${bounded.text}\n(Output truncated: the middle was left out)` : bounded.text;
  return { ...(result.isError ? fail(text) : ok(text)), approval };
}
