// The user's message: plain text (never markdown: it is shown exactly as typed) and its attachment chips.
import type { ItemOf } from '../../../src/protocol/items';
import { h } from '../../ui/dom';
import { attachmentChip } from '../attachment-chip';

export function renderUserMessage(item: ItemOf<'userMessage'>): HTMLElement {
  return h(
    'article',
    { class: 'item user-message', attrs: { 'aria-label': 'You said' } },
    h('div', { class: 'user-text', text: item.text }),
    item.attachments.length > 0
      ? h('ul', { class: 'chips', attrs: { 'aria-label': 'Attached context' } }, ...item.attachments.map((a) => attachmentChip(a)))
      : null,
  );
}
