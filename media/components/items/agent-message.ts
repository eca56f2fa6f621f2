// The model's answer: streaming markdown, an "interrupted" marker when it was cut off, and the provider
// and model that served it (subtle: it matters after a failover).
import type { ItemOf } from '../../../src/protocol/items';
import { renderMarkdown } from '../../markdown/render-markdown';
import { formatServedBy } from '../../state/format';
import { codicon, h, spinner } from '../../ui/dom';
import type { ViewContext } from '../context';

export function renderAgentMessage(item: ItemOf<'agentMessage'>, ctx: ViewContext): HTMLElement {
  const streaming = item.status === 'inProgress';
  const body = h('div', { class: `markdown-body${streaming ? ' streaming' : ''}` });
  if (item.text) body.append(renderMarkdown(item.text, ctx.markdown));
  else if (streaming) body.append(h('span', { class: 'muted' }, spinner(), ' Thinking…'));

  const footer = h('div', { class: 'item-footer' });
  if (item.status === 'interrupted') footer.append(h('span', { class: 'marker marker-warning' }, codicon('debug-stop'), ' Interrupted'));
  if (item.status === 'failed') footer.append(h('span', { class: 'marker marker-error' }, codicon('error'), ' Failed'));
  if (item.servedBy) {
    footer.append(h('span', { class: 'served-by', attrs: { title: `Answered by ${item.servedBy.profile}` }, text: formatServedBy(item.servedBy) }));
  }
  return h(
    'article',
    { class: 'item agent-message', attrs: { 'aria-label': 'Crosswind said', 'aria-busy': streaming ? 'true' : undefined } },
    body,
    footer.childElementCount ? footer : null,
  );
}
