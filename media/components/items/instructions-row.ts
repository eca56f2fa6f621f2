// The project instructions the model was given in a turn, as one line ("Instructions: AGENTS.md,
// src/api/AGENTS.md"), each file named with what it applied to, and a notice when one was cut to fit.
import type { ItemOf } from '../../../src/protocol/items';
import { codicon, h } from '../../ui/dom';

export function renderInstructions(item: ItemOf<'instructions'>): HTMLElement {
  const files = item.files.map((f, i) =>
    h(
      'span',
      { class: 'instructions-file' },
      i > 0 ? ', ' : '',
      h('code', { text: f.path, attrs: { title: `${f.path} — applies to ${f.appliesTo}${f.truncated ? ' (cut to fit the size limit)' : ''}` } }),
      f.truncated ? h('span', { class: 'muted', text: ' (cut)' }) : null,
    ),
  );
  return h(
    'div',
    { class: 'item notice notice-instructions', attrs: { role: 'note', 'aria-label': `Project instructions used: ${item.files.map((f) => f.path).join(', ')}` } },
    codicon('book'),
    h('div', { class: 'notice-body' }, h('span', { class: 'muted', text: 'Instructions: ' }), ...files, item.notice ? h('div', { class: 'muted', text: item.notice }) : null),
  );
}
