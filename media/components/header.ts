// The top of the sidebar: provider · model (click to change), the approval policy, engine state,
// this turn's and the session's tokens and cost, History and New conversation, and the Restricted Mode
// banner when the workspace is not trusted.
import type { SessionStatus } from '../../src/protocol/webview';
import type { Turn } from '../../src/protocol/items';
import { describeCost, describeUsage, formatCost, formatUsage, providerName, totalTokens } from '../state/format';
import { currentTurn, type ViewState } from '../state/view-state';
import { codicon, h, iconButton, spinner } from '../ui/dom';
import { KeyedList } from '../ui/keyed-list';
import type { ViewContext } from './context';

export const HISTORY_PANEL_ID = 'history-panel';

const POLICY: Record<SessionStatus['approvalPolicy'], { text: string; title: string }> = {
  'read-only': { text: 'Read-only', title: 'Every patch waits for your review and every command asks first' },
  'auto-edit': { text: 'Auto-edit', title: 'Patches apply without asking (each can be undone); commands ask first' },
  'full-auto': { text: 'Full auto', title: 'Patches apply and commands run without asking, inside the workspace' },
};

export class Header {
  readonly element: HTMLElement;
  private readonly sections: KeyedList;

  constructor(private readonly ctx: ViewContext) {
    this.element = h('header', { class: 'app-header' });
    this.sections = new KeyedList(this.element);
  }

  update(state: ViewState): void {
    const status = state.status;
    const turn = currentTurn(state);
    this.sections.update([
      { key: 'bar', deps: [status, state.historyOpen], render: () => this.renderBar(status, state.historyOpen) },
      { key: 'usage', deps: [status?.sessionUsage, status?.sessionCost, turn], render: () => renderUsage(status, turn) },
      ...(status && !status.trusted ? [{ key: 'restricted', deps: [], render: renderRestrictedBanner }] : []),
    ]);
  }

  private renderBar(status: SessionStatus | null, historyOpen: boolean): HTMLElement {
    const ctx = this.ctx;
    const providerText = status?.provider ? `${providerName(status.provider)} · ${status.model ?? 'no model'}` : 'Select a provider';
    const policy = status ? POLICY[status.approvalPolicy] : undefined;
    const history = iconButton('history', 'Conversation history', {
      key: 'header:history',
      onClick: () => {
        const open = !historyOpen;
        ctx.dispatch({ type: 'historyToggled', open });
        if (open) ctx.send({ type: 'listThreads' });
      },
    });
    history.setAttribute('aria-expanded', String(historyOpen));
    history.setAttribute('aria-controls', HISTORY_PANEL_ID);
    return h(
      'div',
      { class: 'header-bar' },
      h(
        'button',
        {
          class: 'provider-button',
          key: 'header:provider',
          attrs: {
            type: 'button',
            title: status?.profile ? `Profile ${status.profile}. Click to change the provider` : 'Click to choose a provider and model',
            'aria-label': `${status?.provider ? `Provider ${providerText}` : 'No provider selected'}. Select provider`,
          },
          on: { click: () => ctx.send({ type: 'selectProvider' }) },
        },
        codicon('cloud'),
        h('span', { class: 'provider-text', text: providerText }),
      ),
      policy ? h('span', { class: 'badge policy-badge', attrs: { title: policy.title } }, codicon('shield'), ` ${policy.text}`) : null,
      status && status.engine !== 'running'
        ? h('span', { class: 'engine-state', attrs: { role: 'status' } }, status.engine === 'stopped' ? codicon('error') : spinner(), ` Engine ${status.engine}`)
        : null,
      h('span', { class: 'spacer' }),
      history,
      iconButton('add', 'New conversation', { key: 'header:new', onClick: () => ctx.send({ type: 'newThread' }) }),
    );
  }
}

function renderUsage(status: SessionStatus | null, turn: Turn | undefined): HTMLElement {
  const cell = (label: string, text: string, title: string, cls: string) =>
    h('span', { class: `usage-cell ${cls}`, attrs: { title } }, h('span', { class: 'usage-label', text: label }), h('span', { text }));
  return h(
    'div',
    { class: 'usage-bar', attrs: { 'aria-label': 'Tokens and cost' } },
    !turn
      ? cell('Turn', '—', 'No turn yet', 'usage-turn')
      : turn.status === 'inProgress' && totalTokens(turn.usage) === 0
        ? // Usage arrives with the turn's first finished request; $0.00 before then would be a guess.
          cell('Turn', 'running…', 'Tokens and cost show once the model has answered', 'usage-turn')
        : cell('Turn', `${formatUsage(turn.usage)} · ${formatCost(turn.cost)}`, `This turn: ${describeUsage(turn.usage)}; cost ${describeCost(turn.cost)}`, 'usage-turn'),
    status
      ? cell(
          'Session',
          `${formatUsage(status.sessionUsage)} · ${formatCost(status.sessionCost)}`,
          `This session: ${describeUsage(status.sessionUsage)}; cost ${describeCost(status.sessionCost)}`,
          'usage-session',
        )
      : cell('Session', '—', 'Waiting for the engine', 'usage-session'),
  );
}

function renderRestrictedBanner(): HTMLElement {
  return h(
    'div',
    { class: 'banner banner-warning restricted-banner', attrs: { role: 'note' } },
    codicon('workspace-untrusted'),
    h('span', {
      text: 'Restricted Mode: Crosswind can read your code and chat, but it cannot run commands or apply patches until you trust this workspace.',
    }),
  );
}
