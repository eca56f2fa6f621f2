// One attachment shown as a chip: on a sent user message (read-only) or in the input box (removable).
import type { Attachment } from '../../src/protocol/items';
import { plural } from '../state/format';
import { codicon, h, iconButton } from '../ui/dom';

const ICONS: Record<Attachment['type'], string> = { selection: 'list-selection', file: 'file', image: 'file-media', diagnostics: 'warning' };

export function attachmentLabel(a: Attachment): string {
  const name = basename(a.path);
  switch (a.type) {
    case 'selection':
      return a.startLine === a.endLine ? `${name}:${a.startLine}` : `${name}:${a.startLine}-${a.endLine}`;
    case 'file':
    case 'image':
      return name;
    case 'diagnostics':
      return `${name}: ${plural(a.diagnostics.length, 'problem')}`;
  }
}

export function attachmentDescription(a: Attachment): string {
  switch (a.type) {
    case 'selection':
      return `Selection of ${a.path}, lines ${a.startLine} to ${a.endLine}`;
    case 'file':
      return `File ${a.path}`;
    case 'image':
      return `Image ${a.path}`;
    case 'diagnostics':
      return `${plural(a.diagnostics.length, 'problem')} in ${a.path}`;
  }
}

export function attachmentChip(a: Attachment, onRemove?: () => void, key?: string): HTMLElement {
  const chip = h(
    'li',
    { class: 'chip', attrs: { title: attachmentDescription(a) } },
    codicon(ICONS[a.type]),
    h('span', { class: 'chip-label', text: attachmentLabel(a) }),
  );
  if (onRemove) chip.append(iconButton('close', `Remove ${attachmentDescription(a)}`, { onClick: onRemove, key, class: 'chip-remove' }));
  return chip;
}

export function basename(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
