// Shared by the audit tests: an in-memory sink and head store, a stepping clock, and a small log.
import { HashChainAuditLog, type AuditEvent, type AuditHead, type AuditHeadStore, type AuditSink } from '../../../src/core/audit';
import { nodeHasher } from '../../../src/host/node-hasher';

export class MemorySink implements AuditSink {
  lines: string[] = [];
  async lastLine(): Promise<string | undefined> {
    return this.lines.at(-1);
  }
  async appendLine(line: string): Promise<void> {
    this.lines.push(line);
  }
}

export class MemoryHead implements AuditHeadStore {
  head: AuditHead | undefined;
  async read(): Promise<AuditHead | undefined> {
    return this.head;
  }
  async write(head: AuditHead): Promise<void> {
    this.head = head;
  }
}

export function steppingClock(start = Date.UTC(2026, 10, 23, 9)): { now(): number } {
  let t = start;
  return { now: () => (t += 1_000) };
}

export const sampleEvents: AuditEvent[] = [
  { type: 'modelRequest', threadId: 'thr_1', turnId: 'turn_1', profile: 'bedrock-us', provider: 'bedrock', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', location: 'us-east-1', identity: 'arn:aws:sts::123456789012:assumed-role/dev/alice', usage: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 0, cacheWriteTokens: 9000, reasoningTokens: 0 }, cost: { usd: 0.0457, partialUsd: 0.0457, unpricedModels: [] }, outcome: 'ok' },
  { type: 'toolCall', threadId: 'thr_1', turnId: 'turn_1', tool: 'read_file', argumentsSha256: 'a'.repeat(64), decision: 'auto', decidedBy: 'policy', outcome: 'ok' },
  { type: 'toolCall', threadId: 'thr_1', turnId: 'turn_1', tool: 'shell', argumentsSha256: 'b'.repeat(64), decision: 'accept', decidedBy: 'user', outcome: 'ok' },
  { type: 'fileChange', threadId: 'thr_1', turnId: 'turn_1', patchId: 'patch_1', path: 'src/math.js', sha256Before: 'c'.repeat(64), sha256After: 'd'.repeat(64), patchSha256: 'e'.repeat(64), action: 'apply' },
  { type: 'failover', threadId: 'thr_1', turnId: 'turn_2', fromProfile: 'bedrock-us', toProfile: 'azure-prod', reason: 'throttled' },
  { type: 'modelRequest', threadId: 'thr_1', turnId: 'turn_2', profile: 'azure-prod', provider: 'azure', model: 'prod-chat', location: 'contoso.openai.azure.com', identity: 'alice@contoso.com', outcome: 'error', errorKind: 'server' },
];

/** A six-record log, as the lines of its file, and its head. */
export async function sampleLog(): Promise<{ lines: string[]; head: AuditHead }> {
  const sink = new MemorySink();
  const head = new MemoryHead();
  const log = new HashChainAuditLog({ sink, hasher: nodeHasher, clock: steppingClock(), head });
  for (const e of sampleEvents) await log.record(e);
  return { lines: sink.lines, head: head.head! };
}
