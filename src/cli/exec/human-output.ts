// `crosswind exec` for people: the agent's words stream to stdout; what it does (reads, commands,
// patches, plan, notices) goes to stderr as short lines, so stdout stays the answer.
import type { Writable } from 'node:stream';
import type { EngineNotificationMethod, EngineNotificationParams, ItemOf, ThreadItem } from '../../protocol';
import { formatCost } from '../../shared/cost-math';

export function humanEventWriter(stdout: Writable, stderr: Writable) {
  let midLine = false;
  /** Turns whose error was printed with their error item: turn/completed does not print it again. */
  const errorShown = new Set<string>();
  const failuresShown = new Set<string>();
  /** Instruction files already printed, per item: the item is completed again as the turn touches more files. */
  const instructionsShown = new Map<string, Set<string>>();
  const err = (line: string) => {
    if (midLine) {
      stdout.write('\n');
      midLine = false;
    }
    stderr.write(line + '\n');
  };
  return <M extends EngineNotificationMethod>(method: M, params: EngineNotificationParams<M>): void => {
    if (method === 'item/agentMessage/delta') {
      const d = (params as EngineNotificationParams<'item/agentMessage/delta'>).delta;
      stdout.write(d);
      midLine = !d.endsWith('\n');
      return;
    }
    if (method === 'item/completed') {
      const item = (params as EngineNotificationParams<'item/completed'>).item;
      if (item.type === 'error') errorShown.add(item.turnId);
      if (item.type === 'instructions') return describeNewInstructions(item, instructionsShown, err);
      return describe(item, err);
    }
    // A patch waiting for review (read-only) is shown when proposed: no one will complete it in this run.
    if (method === 'item/started') {
      const item = (params as EngineNotificationParams<'item/started'>).item;
      if (item.type === 'fileChange' && item.patch.status === 'pending') describePatch(item, err);
    }
    // A server that failed (to start, or later) is said once per failure, whether or not a tool is called.
    if (method === 'mcp/statusChanged') {
      for (const server of (params as EngineNotificationParams<'mcp/statusChanged'>).servers) {
        const key = `${server.name}\u0000${server.error ?? ''}`;
        if (server.status !== 'failed' || failuresShown.has(key)) continue;
        failuresShown.add(key);
        err(`! MCP server '${server.name}' failed: ${server.error ?? 'unknown error'}`);
      }
    }
    if (method === 'turn/completed') {
      const p = params as EngineNotificationParams<'turn/completed'>;
      const u = p.turn.usage;
      err(
        `\n— ${p.turn.status}: ${u.inputTokens} input tokens${u.cacheReadTokens ? ` (+${u.cacheReadTokens} cached)` : ''}, ${u.outputTokens} output · this turn ${formatCost(p.turn.cost)} · today ${formatCost(p.dayCost)}`,
      );
      if (p.turn.error && !errorShown.has(p.turn.id)) err(`error: ${p.turn.error.message}${p.turn.error.fix ? `\n  fix: ${p.turn.error.fix}` : ''}`);
    }
  };
}

function describe(item: ThreadItem, err: (line: string) => void): void {
  switch (item.type) {
    case 'toolCall':
      err(`• ${item.tool} ${item.summary ?? ''}`);
      break;
    case 'commandExecution':
      err(`$ ${item.command.join(' ')}  (${item.status}${item.exitCode !== undefined && item.exitCode !== null ? `, exit ${item.exitCode}` : ''}${item.durationMs ? `, ${(item.durationMs / 1000).toFixed(1)} s` : ''})`);
      break;
    case 'mcpToolCall': {
      const why = item.status === 'failed' || item.status === 'declined' ? `\n  ${(item.output.split('\n')[0] ?? '').slice(0, 300)}` : '';
      err(`• mcp ${item.server}/${item.tool}  (${item.status}${item.durationMs ? `, ${(item.durationMs / 1000).toFixed(1)} s` : ''})${why}`);
      break;
    }
    case 'fileChange':
      describePatch(item, err);
      break;
    case 'plan':
      err(`plan:\n${item.steps.map((s) => `  [${s.status === 'completed' ? 'x' : s.status === 'in_progress' ? '~' : ' '}] ${s.step}`).join('\n')}`);
      break;
    case 'notice':
      err(`! ${item.message}`);
      break;
    case 'error':
      err(`error: ${item.error.message}${item.error.fix ? `\n  fix: ${item.error.fix}` : ''}`);
      break;
    default:
      break;
  }
}

/** The instruction files this item adds to what was printed for it (nothing when it adds none). */
function describeNewInstructions(item: ItemOf<'instructions'>, shown: Map<string, Set<string>>, err: (line: string) => void): void {
  const printed = shown.get(item.id) ?? new Set<string>();
  shown.set(item.id, printed);
  const first = printed.size === 0;
  const fresh = item.files.filter((f) => !printed.has(f.path));
  // The notice is kept with the files under a key no path can have.
  const notice = item.notice && !printed.has(`\u0000${item.notice}`) ? item.notice : undefined;
  if (!fresh.length && !notice) return;
  for (const f of fresh) printed.add(f.path);
  if (notice) printed.add(`\u0000${notice}`);
  const label = first ? 'instructions' : 'more instructions';
  if (!fresh.length) return err(`${label}: ${notice}`);
  err(`${label}: ${fresh.map((f) => `${f.path}${f.truncated ? ' (cut)' : ''}`).join(', ')}${notice ? `\n  ${notice}` : ''}`);
}

function describePatch(item: ItemOf<'fileChange'>, err: (line: string) => void): void {
  const p = item.patch;
  err(`patch ${p.status}: ${p.files.map((f) => `${f.kind === 'add' ? 'A' : f.kind === 'delete' ? 'D' : 'M'} ${f.movePath ?? f.path} (+${f.additions} −${f.deletions})`).join(', ')}`);
  if (p.status === 'pending') {
    for (const f of p.files) {
      err(`--- ${f.path}\n+++ ${f.movePath ?? f.path}`);
      for (const h of f.hunks) err(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}`);
    }
  }
  if (p.error) err(`  ${p.error.message}`);
}
