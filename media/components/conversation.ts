// The conversation: a scrolling log of the shown thread's items (one renderer per item type) with a
// footer after each finished turn, or the first screen when the thread is empty. Re-renders only the
// rows whose item changed, and stays pinned to the bottom while the user has not scrolled up.
import type { ServedBy } from '../../src/protocol/common';
import type { Thread, ThreadItem } from '../../src/protocol/items';
import { shortModelName } from '../../src/shared/model-names';
import { activeTurn, type ViewState } from '../state/view-state';
import { codicon, h } from '../ui/dom';
import { KeyedList, type Row } from '../ui/keyed-list';
import type { ViewContext } from './context';
import { renderAgentMessage } from './items/agent-message';
import { renderCheckpoint } from './items/checkpoint-row';
import { renderCommandCard } from './items/command-card';
import { renderMcpToolCard } from './items/mcp-tool-card';
import { renderErrorItem } from './items/error-info';
import { renderInstructions } from './items/instructions-row';
import { renderNotice } from './items/notice-row';
import { renderPatchCard } from './items/patch-card';
import { renderPlanItem } from './items/plan-item';
import { renderReasoning } from './items/reasoning';
import { renderToolCard } from './items/tool-card';
import { renderTurnFooter } from './items/turn-footer';
import { renderUserMessage } from './items/user-message';
import { renderWelcome } from './welcome';

/** Within this many pixels of the bottom counts as "at the bottom" (new content keeps it in view). */
const STICK_THRESHOLD = 48;

export class Conversation {
  readonly element: HTMLElement;
  private readonly log: HTMLElement;
  private readonly rows: KeyedList;
  private readonly intro: KeyedList;
  private shownThreadId: string | undefined;

  constructor(private readonly ctx: ViewContext) {
    const introEl = h('div', { class: 'conversation-intro' });
    this.log = h('div', { class: 'conversation-log', attrs: { role: 'log', 'aria-label': 'Conversation' } });
    this.element = h('main', { class: 'conversation', attrs: { 'aria-label': 'Crosswind conversation' } }, introEl, this.log);
    this.rows = new KeyedList(this.log);
    this.intro = new KeyedList(introEl);
  }

  update(state: ViewState): void {
    const atBottom = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < STICK_THRESHOLD;
    const thread = state.thread;
    const empty = !thread || thread.items.length === 0;
    const introRows: Row[] = [];
    if (empty) {
      const s = state.status;
      introRows.push({ key: 'welcome', deps: [s?.provider, s?.model, s?.profile], render: () => renderWelcome(state.status, this.ctx) });
    }
    if (state.threadTrimmed) {
      introRows.push({
        key: 'trimmed',
        deps: [],
        render: () => h('p', { class: 'trimmed-note muted' }, codicon('history'), ' Earlier messages are loading from the engine…'),
      });
    }
    this.intro.update(introRows);
    this.log.hidden = empty;
    this.log.setAttribute('aria-busy', activeTurn(state) ? 'true' : 'false');
    this.rows.update(thread ? this.threadRows(thread, state) : []);

    const switched = thread?.id !== this.shownThreadId;
    this.shownThreadId = thread?.id;
    if (atBottom || switched) this.element.scrollTop = this.element.scrollHeight;
  }

  private threadRows(thread: Thread, state: ViewState): Row[] {
    const lastItemOfTurn = new Map<string, string>();
    for (const item of thread.items) lastItemOfTurn.set(item.turnId, item.id);
    const finishedTurns = new Map(thread.turns.filter((t) => t.status !== 'inProgress').map((t) => [t.id, t]));
    const rows: Row[] = [];
    // The header names the model; an answer names its own only when that changes (a failover).
    const s = state.status;
    let previous = s?.provider && s.model ? modelKey({ provider: s.provider, model: s.model }) : undefined;
    for (const item of thread.items) {
      let changed = false;
      if (item.type === 'agentMessage' && item.servedBy) {
        const key = modelKey(item.servedBy);
        changed = key !== previous;
        previous = key;
      }
      rows.push(this.itemRow(item, state, changed));
      const turn = finishedTurns.get(item.turnId);
      if (turn && lastItemOfTurn.get(turn.id) === item.id) {
        rows.push({ key: `turn:${turn.id}`, deps: [turn], render: () => renderTurnFooter(turn) });
      }
    }
    return rows;
  }

  private itemRow(item: ThreadItem, state: ViewState, modelChanged: boolean): Row {
    const ctx = this.ctx;
    const row = (render: () => HTMLElement, ...extra: unknown[]): Row => ({ key: item.id, deps: [item, ...extra], render });
    switch (item.type) {
      case 'userMessage':
        return row(() => renderUserMessage(item));
      case 'agentMessage':
        return row(() => renderAgentMessage(item, ctx, modelChanged), modelChanged);
      case 'reasoning':
        return row(() => renderReasoning(item, ctx));
      case 'toolCall':
        return row(() => renderToolCard(item));
      case 'commandExecution': {
        const approval = state.approvals[item.id];
        return row(() => renderCommandCard(item, approval, ctx), approval);
      }
      case 'mcpToolCall': {
        const approval = state.approvals[item.id];
        return row(() => renderMcpToolCard(item, approval, ctx), approval);
      }
      case 'fileChange':
        return row(() => renderPatchCard(item, ctx));
      case 'plan':
        return row(() => renderPlanItem(item));
      case 'notice':
        return row(() => renderNotice(item));
      case 'error':
        return row(() => renderErrorItem(item.error, item.id, ctx));
      case 'checkpoint': {
        // Offered once the turn has finished: a restore while it still changes files would race it.
        const finished = state.thread?.turns.find((t) => t.id === item.turnId)?.status !== 'inProgress';
        return row(() => renderCheckpoint(item, finished, ctx), finished);
      }
      case 'instructions':
        return row(() => renderInstructions(item));
    }
  }
}

/** Two models are the same for a reader when the header's short names match ("us." prefix, versions…). */
function modelKey(s: Pick<ServedBy, 'provider' | 'model'>): string {
  return `${s.provider}/${shortModelName(s.model)}`;
}
