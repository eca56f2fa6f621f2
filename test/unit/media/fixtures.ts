// Protocol values for the sidebar's tests (unit and e2e): complete, typed, small, and overridable.
import type { Cost, Usage } from '../../../src/protocol/common';
import type { ItemOf, Thread, ThreadItem, ThreadSummary, Turn } from '../../../src/protocol/items';
import type { EngineNotification } from '../../../src/protocol/methods';
import type { PatchFile, PatchView } from '../../../src/protocol/patch';
import type { HostToWebview, SessionStatus } from '../../../src/protocol/webview';

export const THREAD_ID = 'thread-1';
export const TURN_ID = 'turn-1';
const T0 = 1_760_000_000_000;

export function usage(input = 0, output = 0): Usage {
  return { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}

export function cost(usd: number | null, partialUsd = 0, unpricedModels: string[] = []): Cost {
  return { usd, partialUsd, unpricedModels };
}

export function status(overrides: Partial<SessionStatus> = {}): SessionStatus {
  return {
    profile: 'bedrock-us',
    provider: 'bedrock',
    model: 'anthropic.claude-sonnet-4',
    approvalPolicy: 'read-only',
    trusted: true,
    engine: 'running',
    sessionUsage: usage(12_000, 800),
    sessionCost: cost(0.05),
    ...overrides,
  };
}

export function turn(overrides: Partial<Turn> = {}): Turn {
  return { id: TURN_ID, threadId: THREAD_ID, status: 'inProgress', startedAt: T0, usage: usage(), cost: cost(0), servedBy: [], ...overrides };
}

export function summary(overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return { id: THREAD_ID, title: 'Fix the parser', createdAt: T0, updatedAt: T0, turnCount: 1, cost: cost(0.01), ...overrides };
}

export function thread(overrides: Partial<Thread> = {}): Thread {
  return { ...summary(), turns: [], items: [], usage: usage(), ...overrides };
}

const base = (id: string, turnId = TURN_ID) => ({ id, turnId, createdAt: T0 });

export function userMessage(id: string, text: string, overrides: Partial<ItemOf<'userMessage'>> = {}): ItemOf<'userMessage'> {
  return { ...base(id), type: 'userMessage', text, attachments: [], ...overrides };
}

export function agentMessage(id: string, text: string, overrides: Partial<ItemOf<'agentMessage'>> = {}): ItemOf<'agentMessage'> {
  return { ...base(id), type: 'agentMessage', text, status: 'inProgress', ...overrides };
}

export function reasoning(id: string, summaryText: string, overrides: Partial<ItemOf<'reasoning'>> = {}): ItemOf<'reasoning'> {
  return { ...base(id), type: 'reasoning', summary: summaryText, status: 'completed', ...overrides };
}

export function command(id: string, overrides: Partial<ItemOf<'commandExecution'>> = {}): ItemOf<'commandExecution'> {
  return { ...base(id), type: 'commandExecution', command: ['npm', 'test'], workdir: '', status: 'completed', exitCode: 0, output: '', timedOut: false, ...overrides };
}

export function toolCall(id: string, overrides: Partial<ItemOf<'toolCall'>> = {}): ItemOf<'toolCall'> {
  return { ...base(id), type: 'toolCall', tool: 'read_file', arguments: { file_path: 'src/parser.ts' }, status: 'completed', summary: 'lines 1-120', ...overrides };
}

export function patchFile(path: string, hunks = 2): PatchFile {
  return {
    path,
    kind: 'update',
    additions: hunks,
    deletions: hunks,
    hunks: Array.from({ length: hunks }, (_, index) => ({
      index,
      oldStart: 10 * (index + 1),
      oldLines: 3,
      newStart: 10 * (index + 1),
      newLines: 3,
      lines: [' context', `-old line ${index}`, `+new line ${index}`],
      decision: 'pending' as const,
    })),
  };
}

export function patch(overrides: Partial<PatchView> = {}): PatchView {
  return { id: 'patch-1', status: 'pending', files: [patchFile('src/a.ts'), patchFile('src/b.ts', 1)], ...overrides };
}

export function fileChange(id: string, p: PatchView = patch()): ItemOf<'fileChange'> {
  return { ...base(id), type: 'fileChange', patch: p };
}

/** Wraps an engine notification as the host forwards it. */
export function engineEvent(event: EngineNotification): HostToWebview {
  return { type: 'engineEvent', event };
}

export function itemEvent(method: 'item/started' | 'item/updated' | 'item/completed', item: ThreadItem, threadId = THREAD_ID): HostToWebview {
  return engineEvent({ method, params: { threadId, item } });
}

export function delta(itemId: string, text: string, kind: 'agentMessage' | 'reasoning' = 'agentMessage', threadId = THREAD_ID): HostToWebview {
  return engineEvent({
    method: kind === 'agentMessage' ? 'item/agentMessage/delta' : 'item/reasoning/delta',
    params: { threadId, turnId: TURN_ID, itemId, delta: text },
  });
}

export function turnStarted(t: Turn = turn()): HostToWebview {
  return engineEvent({ method: 'turn/started', params: { threadId: t.threadId, turn: t } });
}

export function turnCompleted(t: Turn, threadCost: Cost = cost(0.02)): HostToWebview {
  return engineEvent({
    method: 'turn/completed',
    params: { threadId: t.threadId, turn: t, threadUsage: usage(3000, 400), threadCost, dayCost: cost(1.25) },
  });
}

/** A model request of the running turn finished: its usage and cost so far. */
export function turnUpdated(t: Turn, threadCost: Cost = t.cost): HostToWebview {
  return engineEvent({
    method: 'turn/updated',
    params: { threadId: t.threadId, turn: t, threadUsage: t.usage, threadCost, dayCost: cost(1.25) },
  });
}

export function planUpdated(steps: { step: string; status: 'pending' | 'in_progress' | 'completed' }[], threadId = THREAD_ID): HostToWebview {
  return engineEvent({ method: 'turn/plan/updated', params: { threadId, turnId: TURN_ID, explanation: 'Fix, then test.', plan: steps } });
}
