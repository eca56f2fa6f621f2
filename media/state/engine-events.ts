// Applies one engine notification (forwarded by the host as an engineEvent) to the view model.
// Events for a thread other than the one shown are ignored, except history-list updates.
import type { CloudTaskView } from '../../src/protocol/cloud-task';
import type { ErrorInfo } from '../../src/protocol/common';
import type { ThreadSummary } from '../../src/protocol/items';
import type { EngineNotification } from '../../src/protocol/methods';
import { MAX_BANNER_ERRORS, type LivePlan, type ViewState } from './view-state';
import { appendDelta, closeTurnItems, upsertItem, upsertTurn } from './thread-edits';

export function applyEngineEvent(state: ViewState, event: EngineNotification): ViewState {
  switch (event.method) {
    case 'thread/updated':
      return withThreadSummary(state, event.params.thread);
    case 'engine/error':
      return withError(state, event.params.error);
    case 'mcp/statusChanged':
      return { ...state, mcpServers: event.params.servers };
    case 'cloudTask/updated': {
      const task = event.params.task;
      return { ...state, cloudTasks: sortCloudTasks([...state.cloudTasks.filter((t) => t.taskId !== task.taskId), task]) };
    }
    default:
      break;
  }
  const thread = state.thread;
  if (!thread || event.params.threadId !== thread.id) return state;

  switch (event.method) {
    case 'turn/started':
      return { ...state, thread: upsertTurn(thread, event.params.turn) };
    case 'turn/updated': {
      // A model request finished: the turn's spend so far (the turn may now wait on the user).
      const { turn, threadUsage, threadCost, dayCost } = event.params;
      return { ...state, thread: { ...upsertTurn(thread, turn), usage: threadUsage, cost: threadCost }, dayCost };
    }
    case 'turn/completed': {
      const { turn, threadUsage, threadCost, dayCost } = event.params;
      const next = closeTurnItems(upsertTurn(thread, turn), turn);
      const turnItems = new Set(next.items.filter((i) => i.turnId === turn.id).map((i) => i.id));
      const approvals = Object.fromEntries(Object.entries(state.approvals).filter(([itemId]) => !turnItems.has(itemId)));
      return { ...state, thread: { ...next, usage: threadUsage, cost: threadCost }, dayCost, approvals };
    }
    case 'item/started':
    case 'item/updated':
    case 'item/completed': {
      const item = event.params.item;
      const plan: LivePlan | null =
        item.type === 'plan' ? { turnId: item.turnId, explanation: item.explanation, steps: item.steps } : state.plan;
      return { ...state, thread: upsertItem(thread, item), plan };
    }
    case 'item/agentMessage/delta':
      return { ...state, thread: appendDelta(thread, event.params, 'agentMessage') };
    case 'item/reasoning/delta':
      return { ...state, thread: appendDelta(thread, event.params, 'reasoning') };
    case 'turn/plan/updated': {
      const { turnId, explanation, plan } = event.params;
      return { ...state, plan: { turnId, explanation, steps: plan } };
    }
    default:
      return state;
  }
}

export function withError(state: ViewState, error: ErrorInfo): ViewState {
  return { ...state, errors: [...state.errors, error].slice(-MAX_BANNER_ERRORS) };
}

/** Newest first, as the Cloud Tasks list shows them (at most 50: older ones are in crosswind cloud status). */
export function sortCloudTasks(tasks: CloudTaskView[]): CloudTaskView[] {
  return [...tasks].sort((a, b) => b.createdAt - a.createdAt).slice(0, 50);
}

/** Newest first, as the history list shows them. */
export function sortThreads(threads: ThreadSummary[]): ThreadSummary[] {
  return [...threads].sort((a, b) => b.updatedAt - a.updatedAt);
}

function withThreadSummary(state: ViewState, summary: ThreadSummary): ViewState {
  const threads = sortThreads([...state.threads.filter((t) => t.id !== summary.id), summary]);
  const thread = state.thread?.id === summary.id ? { ...state.thread, ...summary } : state.thread;
  return { ...state, threads, thread };
}
