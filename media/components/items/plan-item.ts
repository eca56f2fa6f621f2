// A plan item in the conversation: the checklist as it was at that point of the turn.
import type { ItemOf } from '../../../src/protocol/items';
import { codicon, h } from '../../ui/dom';
import { planProgress, renderChecklist } from './plan-checklist';

export function renderPlanItem(item: ItemOf<'plan'>): HTMLElement {
  return h(
    'article',
    { class: 'item card plan-card', attrs: { 'aria-label': `Plan, ${planProgress(item.steps)}` } },
    h('div', { class: 'card-header' }, codicon('checklist'), h('span', { class: 'card-title', text: 'Plan' }), h('span', { class: 'muted', text: planProgress(item.steps) })),
    renderChecklist(item.steps, item.explanation),
  );
}
