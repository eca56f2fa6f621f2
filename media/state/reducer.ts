// The sidebar's pure state reducer: host messages and the user's own edits in, a new view model out.
// No DOM, no I/O: the app renders the result and performs the side effects (posting, focusing).
import type { Attachment, Thread } from '../../src/protocol/items';
import type { HostToWebview } from '../../src/protocol/webview';
import { applyEngineEvent, sortCloudTasks, sortThreads, withError } from './engine-events';
import { decideInThread, type DecisionTarget } from './patch-decisions';
import type { LivePlan, ViewState } from './view-state';

/** What the user does that changes the view before (or without) the host answering. */
export type UiAction =
  | { type: 'draftChanged'; text: string }
  | { type: 'attachmentRemoved'; index: number }
  /** An image pasted or dropped into the composer (media/state/pasted-image.ts). */
  | { type: 'imagePasted'; attachment: Attachment }
  /** A pasted file that cannot be sent: the banner says why. */
  | { type: 'attachmentRefused'; message: string }
  /** The draft and chips were sent (turn/start): clear them. */
  | { type: 'messageSent' }
  | { type: 'historyToggled'; open: boolean }
  | { type: 'errorDismissed'; index: number }
  | ({ type: 'patchDecided' } & DecisionTarget);

/** The schema allows at most 50 attachments on a turn/start. */
export const MAX_ATTACHMENTS = 50;

export function applyHostMessage(state: ViewState, message: HostToWebview): ViewState {
  switch (message.type) {
    case 'status':
      return { ...state, status: message.status };
    case 'thread':
      return {
        ...state,
        thread: message.thread,
        threadTrimmed: false,
        plan: planOf(message.thread),
        historyOpen: false,
      };
    case 'threads':
      return { ...state, threads: sortThreads(message.threads) };
    case 'engineEvent':
      return applyEngineEvent(state, message.event);
    case 'cloudTasks':
      return { ...state, cloudTasks: sortCloudTasks(message.tasks) };
    case 'attached': {
      const attachments = withAttachment(state.attachments, message.attachment);
      const key = attachmentKey(message.attachment);
      // Only a chip this mention made (or already had) is tied to its @name; the text must still be there.
      if (!message.token || !attachments.some((a) => attachmentKey(a) === key) || !state.draft.includes(message.token)) return { ...state, attachments };
      return { ...state, attachments, mentionTokens: { ...state.mentionTokens, [key]: message.token } };
    }
    case 'approvalPending':
      return { ...state, approvals: { ...state.approvals, [message.itemId]: { requestId: message.requestId } } };
    case 'approvalSettled':
      return {
        ...state,
        approvals: Object.fromEntries(Object.entries(state.approvals).filter(([, a]) => a.requestId !== message.requestId)),
      };
    case 'error':
      return withError(state, message.error);
    // The suggestion list is the composer's own (media/components/mention-list.ts), not view state.
    case 'focusInput':
    case 'mentions':
      return state;
  }
}

export function applyUiAction(state: ViewState, action: UiAction): ViewState {
  switch (action.type) {
    case 'draftChanged':
      return state.draft === action.text ? state : withoutDeletedMentions({ ...state, draft: action.text });
    case 'attachmentRemoved': {
      const removed = state.attachments[action.index];
      const mentionTokens = { ...state.mentionTokens };
      if (removed) delete mentionTokens[attachmentKey(removed)];
      return { ...state, attachments: state.attachments.filter((_, i) => i !== action.index), mentionTokens };
    }
    case 'imagePasted':
      return { ...state, attachments: withAttachment(state.attachments, action.attachment) };
    case 'attachmentRefused':
      return withError(state, { kind: 'invalidRequest', message: action.message });
    case 'messageSent':
      return { ...state, draft: '', attachments: [], mentionTokens: {} };
    case 'historyToggled':
      return { ...state, historyOpen: action.open };
    case 'errorDismissed':
      return { ...state, errors: state.errors.filter((_, i) => i !== action.index) };
    case 'patchDecided': {
      if (!state.thread) return state;
      const thread = decideInThread(state.thread, action);
      return thread === state.thread ? state : { ...state, thread };
    }
  }
}

/** The chips whose `@name` the user deleted from the draft go with it. */
function withoutDeletedMentions(state: ViewState): ViewState {
  const gone = Object.entries(state.mentionTokens).filter(([, token]) => !state.draft.includes(token)).map(([key]) => key);
  if (gone.length === 0) return state;
  const mentionTokens = Object.fromEntries(Object.entries(state.mentionTokens).filter(([key]) => !gone.includes(key)));
  return { ...state, attachments: state.attachments.filter((a) => !gone.includes(attachmentKey(a))), mentionTokens };
}

/**
 * The composer's chips are the webview's alone (the host only makes an attachment when asked): one the
 * host made is added unless the same context is already there, up to the most a turn/start takes.
 */
export function withAttachment(current: Attachment[], attachment: Attachment): Attachment[] {
  const key = attachmentKey(attachment);
  if (current.some((a) => attachmentKey(a) === key) || current.length >= MAX_ATTACHMENTS) return current;
  return [...current, attachment];
}

export function attachmentKey(a: Attachment): string {
  switch (a.type) {
    case 'selection':
    case 'symbol':
      return `${a.type}:${a.path}:${a.startLine}-${a.endLine}`;
    case 'problems':
      return 'problems';
    case 'terminal':
      return `terminal:${a.terminal}:${a.command}`;
    case 'url':
      return `url:${a.url}`;
    default:
      return `${a.type}:${a.path}`;
  }
}

/** A thread loaded whole shows the plan of its last turn, if that turn made one. */
function planOf(thread: Thread): LivePlan | null {
  const lastTurn = thread.turns[thread.turns.length - 1];
  for (let i = thread.items.length - 1; i >= 0; i--) {
    const item = thread.items[i];
    if (item?.type === 'plan' && item.turnId === lastTurn?.id) return { turnId: item.turnId, explanation: item.explanation, steps: item.steps };
  }
  return null;
}
