// The sidebar's view model: everything the UI renders, derived only from host messages and the user's
// own edits (draft, chips). The engine stays the owner of threads and patches; this is a projection of it.
import type { Cost, ErrorInfo } from '../../src/protocol/common';
import type { Attachment, PlanStep, Thread, ThreadSummary, Turn } from '../../src/protocol/items';
import type { CloudTaskView } from '../../src/protocol/cloud-task';
import type { McpServerStatus } from '../../src/protocol/mcp';
import type { SessionStatus } from '../../src/protocol/webview';

/** The checklist update_plan last sent for the shown thread. */
export interface LivePlan {
  turnId: string;
  explanation?: string;
  steps: PlanStep[];
}

/** A command approval request waiting on the user, attached to the card of its command. */
export interface PendingApproval {
  requestId: string;
}

export interface ViewState {
  status: SessionStatus | null;
  thread: Thread | null;
  /** True when the cached thread was cut to fit the persisted-state budget (older items dropped). */
  threadTrimmed: boolean;
  threads: ThreadSummary[];
  plan: LivePlan | null;
  /** By item id. */
  approvals: Record<string, PendingApproval>;
  /** Chips to send with the next message. */
  attachments: Attachment[];
  /** The `@name` in the draft that made a chip, by the chip's attachmentKey: deleting the text removes the chip. */
  mentionTokens: Record<string, string>;
  draft: string;
  /** Problems outside any turn (host errors, engine/error), newest last. */
  errors: ErrorInfo[];
  historyOpen: boolean;
  /** Spent today across threads, from the last turn/completed. */
  dayCost: Cost | null;
  /** The MCP servers the engine is configured with, from the last mcp/statusChanged. */
  mcpServers: McpServerStatus[];
  /** The Cloud Tasks list, newest first (the host sends it on ready; cloudTask/updated keeps it current). */
  cloudTasks: CloudTaskView[];
}

export const MAX_BANNER_ERRORS = 5;

export function initialViewState(): ViewState {
  return {
    status: null,
    thread: null,
    threadTrimmed: false,
    threads: [],
    plan: null,
    approvals: {},
    attachments: [],
    mentionTokens: {},
    draft: '',
    errors: [],
    historyOpen: false,
    dayCost: null,
    mcpServers: [],
    cloudTasks: [],
  };
}

/** The turn being streamed, if any: drives Stop, the progress bar and the live status. */
export function activeTurn(state: ViewState): Turn | undefined {
  const turns = state.thread?.turns ?? [];
  const last = turns[turns.length - 1];
  return last?.status === 'inProgress' ? last : undefined;
}

/** The turn whose usage the header shows as "this turn": the running one, else the last one. */
export function currentTurn(state: ViewState): Turn | undefined {
  const turns = state.thread?.turns ?? [];
  return turns[turns.length - 1];
}

/**
 * What the running turn waits for the user to do, if anything: review a patch it proposed for review
 * (pending, with the policy's reason), or approve a command.
 */
export function waitingFor(state: ViewState): 'review' | 'approval' | undefined {
  const turn = activeTurn(state);
  const review = turn && state.thread?.items.some((i) => i.type === 'fileChange' && i.turnId === turn.id && i.patch.status === 'pending' && i.reviewReason !== undefined);
  if (review) return 'review';
  return Object.keys(state.approvals).length > 0 ? 'approval' : undefined;
}

export function canSend(state: ViewState): boolean {
  return state.draft.trim().length > 0 && activeTurn(state) === undefined;
}

/** Why "Run in the cloud" cannot send the draft now, or undefined when it can. */
export function cloudSendBlocked(state: ViewState): string | undefined {
  if (!state.status) return 'Crosswind is starting.';
  if (state.status.cloudUnavailable) return state.status.cloudUnavailable;
  if (state.attachments.length > 0) return 'A cloud task takes the text only: remove the attached context first.';
  if (!state.draft.trim()) return 'Type the task first.';
  return undefined;
}
