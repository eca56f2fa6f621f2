// After each finished turn: what it cost, and whether it was interrupted or failed.
import type { Turn } from '../../../src/protocol/items';
import { describeCost, describeUsage, formatCost, formatUsage } from '../../state/format';
import { codicon, h } from '../../ui/dom';

export function renderTurnFooter(turn: Turn): HTMLElement {
  const state =
    turn.status === 'interrupted'
      ? h('span', { class: 'marker marker-warning' }, codicon('debug-stop'), ' Turn interrupted')
      : turn.status === 'failed'
        ? h('span', { class: 'marker marker-error' }, codicon('error'), ' Turn failed')
        : null;
  return h(
    'div',
    { class: 'turn-footer', attrs: { title: `${describeUsage(turn.usage)}; cost ${describeCost(turn.cost)}` } },
    state,
    h('span', { text: `${formatUsage(turn.usage)} · ${formatCost(turn.cost)}` }),
  );
}
