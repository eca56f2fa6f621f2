// The model's answer: streaming markdown, an "interrupted" marker when it was cut off, and — only when it
// is not the model the header names or the one that answered before (a failover) — who answered, in the
// header's words.
import type { ItemOf } from '../../../src/protocol/items';
import { renderMarkdown } from '../../markdown/render-markdown';
import { formatServedBy, servedByLabel } from '../../state/format';
import { codicon, h, spinner } from '../../ui/dom';
import type { ViewContext } from '../context';

export function renderAgentMessage(item: ItemOf<'agentMessage'>, ctx: ViewContext, showServedBy = false): HTMLElement {
  const streaming = item.status === 'inProgress';
  const body = h('div', { class: `markdown-body${streaming ? ' streaming' : ''}` });
  if (item.text) body.append(renderMarkdown(item.text, ctx.markdown));
  else if (streaming) body.append(h('span', { class: 'muted' }, spinner(), ' Thinking…'));

  const footer = h('div', { class: 'item-footer' });
  if (item.status === 'interrupted') footer.append(h('span', { class: 'marker marker-warning' }, codicon('debug-stop'), ' Interrupted'));
  if (item.status === 'failed') footer.append(h('span', { class: 'marker marker-error' }, codicon('error'), ' Failed'));
  if (item.servedBy && showServedBy) {
    footer.append(
      h('span', { class: 'served-by', attrs: { title: `Answered by profile ${item.servedBy.profile}: ${formatServedBy(item.servedBy)}` } }, codicon('arrow-swap'), ` ${servedByLabel(item.servedBy)}`),
    );
  }
  return h(
    'article',
    { class: 'item agent-message', attrs: { 'aria-label': 'Crosswind said', 'aria-busy': streaming ? 'true' : undefined } },
    body,
    footer.childElementCount ? footer : null,
  );
}
