// One readable line per audit record, for "Crosswind: Show Audit Log" and `crosswind audit show`.
import { formatCost } from '../../shared/cost-math';
import type { AuditEvent, AuditRecord } from './types';

function short(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 12) : '(none)';
}

function tokens(n: number | undefined): string {
  return (n ?? 0).toLocaleString('en-US');
}

export function describeAuditEvent(event: AuditEvent): string {
  switch (event.type) {
    case 'modelRequest': {
      const where = [event.location, event.identity ? `as ${event.identity}` : undefined].filter(Boolean).join(' ');
      const usage = event.usage
        ? ` — ${tokens(event.usage.inputTokens)} in, ${tokens(event.usage.cacheReadTokens)} cache read, ${tokens(event.usage.cacheWriteTokens)} cache write, ${tokens(event.usage.outputTokens)} out`
        : '';
      const cost = event.cost ? `, ${formatCost(event.cost)}` : '';
      const outcome = event.outcome === 'ok' ? 'ok' : `error${event.errorKind ? ` (${event.errorKind})` : ''}`;
      return `model request  ${event.profile}: ${event.provider} ${event.model}${where ? ` (${where})` : ''}${usage}${cost} — ${outcome}`;
    }
    case 'toolCall': {
      const decision = event.decision ? `, ${event.decision}${event.decidedBy ? ` by ${event.decidedBy}` : ''}` : '';
      return `tool call      ${event.tool} (arguments sha256 ${short(event.argumentsSha256)})${decision}${event.identity ? ` as ${event.identity}` : ''} — ${event.outcome}`;
    }
    case 'fileChange':
      return `file change    ${event.action} ${event.path}: ${short(event.sha256Before)} → ${short(event.sha256After)} (patch ${short(event.patchSha256)}, ${event.patchId})${event.identity ? ` as ${event.identity}` : ''}`;
    case 'patchEdit':
      return `proposal edit  ${event.path}: ${short(event.sha256Proposed)} → ${event.sha256Edited ? short(event.sha256Edited) : 'back to the proposal'} (patch ${short(event.patchSha256)}, ${event.patchId})${event.identity ? ` as ${event.identity}` : ''}`;
    case 'cloudTask':
      return `cloud task     ${event.taskId} as ${event.identity}${event.requestedBy ? ` for ${event.requestedBy}` : ''}${event.runtimeUserId ? ` (user ${event.runtimeUserId})` : ''} on ${short(event.baseCommit)} (${event.approval}, prompt sha256 ${short(event.promptSha256)})`;
    case 'checkpointRestore': {
      const files = event.files.map((f) => `${f.path} ${short(f.sha256Before)} → ${short(f.sha256After)}`).join(', ');
      return `restore        ${event.outcome} checkpoint ${event.checkpointId}: ${event.files.length} file${event.files.length === 1 ? '' : 's'}${files ? ` (${files})` : ''}${event.reason ? ` — ${event.reason}` : ''}`;
    }
    case 'failover':
      return `failover       ${event.fromProfile} → ${event.toProfile}: ${event.reason}`;
    default: {
      const unknown = event as { type?: unknown };
      return `event          ${String(unknown.type)}`;
    }
  }
}

/** "#12  2026-11-23 05:11:16Z  model request  …  [thread thr_1, turn turn_3]" */
export function describeAuditRecord(record: AuditRecord): string {
  const when = new Date(record.at).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  const e = record.event as { threadId?: string; turnId?: string };
  const context = [e.threadId ? `thread ${e.threadId}` : '', e.turnId ? `turn ${e.turnId}` : ''].filter(Boolean).join(', ');
  return `#${record.seq}  ${when}  ${describeAuditEvent(record.event)}${context ? `  [${context}]` : ''}`;
}
