// The model's reasoning summary, collapsed by default: useful when asked for, noise otherwise.
import type { ItemOf } from '../../../src/protocol/items';
import { renderMarkdown } from '../../markdown/render-markdown';
import { codicon, h, spinner } from '../../ui/dom';
import type { ViewContext } from '../context';

export function renderReasoning(item: ItemOf<'reasoning'>, ctx: ViewContext): HTMLElement {
  const thinking = item.status === 'inProgress';
  const summary = [thinking ? spinner() : codicon('lightbulb'), h('span', { text: thinking ? ' Thinking…' : ' Reasoning' })];
  const details = ctx.memory.disclosure(
    `${item.id}:reasoning`,
    false,
    summary,
    () => h('div', { class: 'markdown-body reasoning-body' }, renderMarkdown(item.summary || '_(no summary)_', ctx.markdown)),
    'reasoning',
  );
  return h('div', { class: 'item reasoning-item' }, details);
}
