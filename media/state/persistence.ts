// What survives hiding and reloading the view (VS Code's getState/setState): the shown thread, the live
// plan, the status line, the draft and its chips. Bounded: long outputs are cut and, past the budget, the
// oldest items are dropped (the host sends the full thread again after `ready`). Restored values are
// validated like host messages, since they may come from an older version of the view.
import { SessionStatus } from '../../src/protocol/webview';
import { Attachment, PlanStep, Thread, type ThreadItem } from '../../src/protocol/items';
import { initialViewState, type ViewState } from './view-state';

export const PERSISTED_VERSION = 1;
/** Characters of JSON; VS Code serialises the state on every setState, so keep it well under a few MB. */
export const MAX_PERSISTED_CHARS = 1_000_000;
/** Command output kept per item in the cache (its tail: where errors are). */
export const MAX_CACHED_OUTPUT = 8_000;

export interface PersistedState {
  v: typeof PERSISTED_VERSION;
  status: ViewState['status'];
  thread: ViewState['thread'];
  threadTrimmed: boolean;
  plan: ViewState['plan'];
  draft: string;
  attachments: ViewState['attachments'];
}

export function toPersisted(state: ViewState, budget = MAX_PERSISTED_CHARS): PersistedState {
  const base: PersistedState = {
    v: PERSISTED_VERSION,
    status: state.status,
    thread: null,
    threadTrimmed: state.threadTrimmed,
    plan: state.plan,
    draft: state.draft,
    attachments: state.attachments,
  };
  if (!state.thread) return base;
  const items = state.thread.items.map(compactItem);
  const sizes = state.thread.items.map((item, i) => sizeOf(item, items[i] as ThreadItem));
  const shell = JSON.stringify({ ...base, thread: { ...state.thread, items: [] } }).length;
  let total = shell + sizes.reduce((a, b) => a + b + 1, 0);
  let first = 0;
  while (total > budget && first < items.length) total -= (sizes[first++] ?? 0) + 1;
  return {
    ...base,
    thread: { ...state.thread, items: items.slice(first) },
    threadTrimmed: state.threadTrimmed || first > 0,
  };
}

/** JSON size of each item's cached form, by item identity: during streaming only the changed item is measured again. */
const sizes = new WeakMap<ThreadItem, number>();

function sizeOf(item: ThreadItem, compacted: ThreadItem): number {
  let size = sizes.get(item);
  if (size === undefined) {
    size = JSON.stringify(compacted).length;
    sizes.set(item, size);
  }
  return size;
}

function compactItem(item: ThreadItem): ThreadItem {
  if ((item.type === 'commandExecution' || item.type === 'mcpToolCall') && item.output.length > MAX_CACHED_OUTPUT) {
    return { ...item, output: `…\n${item.output.slice(-MAX_CACHED_OUTPUT)}` };
  }
  return item;
}

/** The view state to start from; anything invalid in the cache is left out rather than trusted. */
export function fromPersisted(raw: unknown): ViewState {
  const state = initialViewState();
  if (typeof raw !== 'object' || raw === null) return state;
  const cached = raw as Partial<Record<keyof PersistedState, unknown>>;
  if (typeof cached.draft === 'string') state.draft = cached.draft;
  if (cached.v !== PERSISTED_VERSION) return state;

  const status = SessionStatus.safeParse(cached.status);
  if (status.success) state.status = status.data;
  const thread = Thread.safeParse(cached.thread);
  if (thread.success) {
    state.thread = thread.data;
    state.threadTrimmed = cached.threadTrimmed === true;
  }
  const attachments = Attachment.array().safeParse(cached.attachments);
  if (attachments.success) state.attachments = attachments.data;
  const plan = cached.plan as { turnId?: unknown; explanation?: unknown; steps?: unknown } | null | undefined;
  const steps = PlanStep.array().safeParse(plan?.steps);
  if (plan && typeof plan.turnId === 'string' && steps.success) {
    state.plan = { turnId: plan.turnId, explanation: typeof plan.explanation === 'string' ? plan.explanation : undefined, steps: steps.data };
  }
  return state;
}
