// A notice: what the user should know that the model did not say (failover, retry, compaction, budget,
// trust). A failover shows which provider/model took over from which.
import type { ItemOf } from '../../../src/protocol/items';
import { formatServedBy } from '../../state/format';
import { codicon, h } from '../../ui/dom';

type Notice = ItemOf<'notice'>;

const ICONS: Record<Notice['kind'], string> = {
  failover: 'arrow-swap',
  retry: 'sync',
  compaction: 'fold',
  budget: 'warning',
  trust: 'workspace-untrusted',
  info: 'info',
};

export function renderNotice(item: Notice): HTMLElement {
  const route =
    item.kind === 'failover' && (item.from || item.to)
      ? h(
          'div',
          { class: 'notice-route' },
          h('span', { text: item.from ? formatServedBy(item.from) : 'unknown' }),
          codicon('arrow-right'),
          h('span', { text: item.to ? formatServedBy(item.to) : 'unknown' }),
        )
      : null;
  return h(
    'div',
    { class: `item notice notice-${item.kind}`, attrs: { role: 'note' } },
    codicon(ICONS[item.kind]),
    h('div', { class: 'notice-body' }, h('span', { text: item.message }), route),
  );
}
