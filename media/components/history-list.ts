// Earlier conversations to resume, over the conversation while open. Escape or the close button
// returns focus to the History button; choosing one posts resumeThread.
import type { ThreadSummary } from '../../src/protocol/items';
import { formatCost, plural, relativeTime } from '../state/format';
import type { ViewState } from '../state/view-state';
import { codicon, h, iconButton } from '../ui/dom';
import { KeyedList } from '../ui/keyed-list';
import type { ViewContext } from './context';
import { HISTORY_PANEL_ID } from './header';

export class HistoryList {
  readonly element: HTMLElement;
  private readonly content: KeyedList;
  private wasOpen = false;

  constructor(private readonly ctx: ViewContext) {
    const body = h('div', { class: 'history-body' });
    this.element = h(
      'section',
      {
        class: 'history-panel',
        attrs: { id: HISTORY_PANEL_ID, 'aria-labelledby': 'history-title' },
        on: { keydown: (e) => e.key === 'Escape' && this.close() },
      },
      h(
        'div',
        { class: 'history-header' },
        h('h2', { class: 'history-title', attrs: { id: 'history-title' }, text: 'Conversations' }),
        iconButton('close', 'Close history', { onClick: () => this.close() }),
      ),
      body,
    );
    this.element.hidden = true;
    this.content = new KeyedList(body);
  }

  update(state: ViewState): void {
    const open = state.historyOpen;
    this.element.hidden = !open;
    const currentId = state.thread?.id;
    this.content.update([
      {
        key: 'list',
        deps: [state.threads, currentId],
        render: () =>
          state.threads.length === 0
            ? h('p', { class: 'muted history-empty', text: 'No earlier conversations yet.' })
            : h('ul', { class: 'history-list', attrs: { role: 'list', 'aria-label': 'Conversations' } }, ...state.threads.map((t) => this.renderEntry(t, t.id === currentId))),
      },
    ]);
    if (open && !this.wasOpen) (this.element.querySelector<HTMLElement>('.history-entry') ?? this.element.querySelector<HTMLElement>('button'))?.focus();
    this.wasOpen = open;
  }

  private renderEntry(thread: ThreadSummary, current: boolean): HTMLElement {
    const meta = `${relativeTime(thread.updatedAt, Date.now())} · ${plural(thread.turnCount, 'turn')} · ${formatCost(thread.cost)}`;
    return h(
      'li',
      { attrs: { role: 'listitem' } },
      h(
        'button',
        {
          class: `history-entry${current ? ' is-current' : ''}`,
          key: `history:${thread.id}`,
          attrs: { type: 'button', 'aria-current': current ? 'true' : undefined, 'aria-label': `${thread.title || 'Untitled'}, ${meta}${current ? ', current' : ''}` },
          on: {
            click: () => {
              this.ctx.dispatch({ type: 'historyToggled', open: false });
              if (!current) this.ctx.send('thread/resume', { threadId: thread.id });
              this.ctx.focusInput();
            },
          },
        },
        codicon(current ? 'comment-discussion' : 'comment'),
        h('span', { class: 'history-entry-text' }, h('span', { class: 'history-entry-title', text: thread.title || 'Untitled' }), h('span', { class: 'history-entry-meta muted', text: meta })),
      ),
    );
  }

  private close(): void {
    this.ctx.dispatch({ type: 'historyToggled', open: false });
    document.querySelector<HTMLElement>('[data-focus-key="header:history"]')?.focus();
  }
}
