// The top of the sidebar: the cloud and model in short ("Bedrock · claude-sonnet-4-5"; click: switch or add
// a provider — the one place in the sidebar that opens the picker), engine state, History and New
// conversation; below it this turn's and the session's cost (tokens too when the sidebar is wide enough);
// and the Restricted Mode banner when the workspace is not trusted. (The approval policy is shown by the
// message box, where it applies.)
import type { SessionStatus } from '../../src/protocol/webview';
import type { Turn } from '../../src/protocol/items';
import { modelLabel } from '../../src/shared/model-names';
import { describeCost, describeUsage, formatCost, formatUsage, providerName, totalTokens } from '../state/format';
import { currentTurn, type ViewState } from '../state/view-state';
import { codicon, h, iconButton, spinner } from '../ui/dom';
import { KeyedList } from '../ui/keyed-list';
import type { ViewContext } from './context';

export const HISTORY_PANEL_ID = 'history-panel';

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
    const providerText = status?.provider ? (status.model ? modelLabel(status.provider, status.model) : `${providerName(status.provider)} · no model`) : 'Select a provider';
    const full = status?.provider ? `${providerName(status.provider)}, model ${status.model ?? 'not set'}${status.profile ? `, profile ${status.profile}` : ''}` : undefined;
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
            title: full ? `${full}. Click to switch or add a provider` : 'Click to choose a provider and model',
            'aria-label': full ? `Provider: ${full}. Switch or add a provider` : 'No provider selected. Select a provider',
          },
          on: { click: () => ctx.send({ type: 'selectProvider' }) },
        },
        codicon('cloud'),
        renderProviderText(providerText),
      ),
      status && status.engine !== 'running'
        ? h('span', { class: 'engine-state', attrs: { role: 'status' } }, status.engine === 'stopped' ? codicon('error') : spinner(), ` Engine ${status.engine}`)
        : null,
      h('span', { class: 'spacer' }),
      history,
      iconButton('add', 'New conversation', { key: 'header:new', onClick: () => ctx.send({ type: 'newThread' }) }),
    );
  }
}

/** "Bedrock · claude-sonnet-4-5", the cloud in bold: as narrow as it can be and still read whole. */
function renderProviderText(text: string): HTMLElement {
  const at = text.indexOf(' · ');
  if (at < 0) return h('span', { class: 'provider-text', text });
  return h('span', { class: 'provider-text' }, h('span', { class: 'provider-cloud', text: text.slice(0, at) }), text.slice(at));
}

function renderUsage(status: SessionStatus | null, turn: Turn | undefined): HTMLElement {
  const cell = (label: string, value: HTMLElement[], title: string, cls: string) =>
    h('span', { class: `usage-cell ${cls}`, attrs: { title } }, h('span', { class: 'usage-label', text: label }), h('span', {}, ...value));
  // Tokens before the cost; a narrow sidebar hides them (each cell's tooltip still says them).
  const spend = (usage: Turn['usage'], cost: Turn['cost']) => [h('span', { class: 'usage-tokens', text: `${formatUsage(usage)} · ` }), h('span', { class: 'usage-cost', text: formatCost(cost) })];
  return h(
    'div',
    { class: 'usage-bar', attrs: { 'aria-label': 'Tokens and cost' } },
    !turn
      ? cell('Turn', [h('span', { text: '—' })], 'No turn yet', 'usage-turn')
      : turn.status === 'inProgress' && totalTokens(turn.usage) === 0
        ? // Usage arrives with the turn's first finished request; $0.00 before then would be a guess.
          cell('Turn', [h('span', { text: 'running…' })], 'Tokens and cost show once the model has answered', 'usage-turn')
        : cell('Turn', spend(turn.usage, turn.cost), `This turn: ${describeUsage(turn.usage)}; cost ${describeCost(turn.cost)}`, 'usage-turn'),
    status
      ? cell('Session', spend(status.sessionUsage, status.sessionCost), `This session: ${describeUsage(status.sessionUsage)}; cost ${describeCost(status.sessionCost)}`, 'usage-session')
      : cell('Session', [h('span', { text: '—' })], 'Waiting for the engine', 'usage-session'),
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
