// One attachment shown as a chip: on a sent user message (read-only) or in the input box (removable).
import type { Attachment } from '../../src/protocol/items';
import { plural } from '../state/format';
import { codicon, h, iconButton } from '../ui/dom';

const ICONS: Record<Attachment['type'], string> = {
  selection: 'list-selection',
  file: 'file',
  image: 'file-media',
  diagnostics: 'warning',
  folder: 'folder',
  symbol: 'symbol-method',
  problems: 'warning',
  terminal: 'terminal',
  url: 'globe',
};

export function attachmentLabel(a: Attachment): string {
  switch (a.type) {
    case 'selection': {
      const name = basename(a.path);
      return a.startLine === a.endLine ? `${name}:${a.startLine}` : `${name}:${a.startLine}-${a.endLine}`;
    }
    case 'file':
    case 'image':
    case 'folder':
      return basename(a.path);
    case 'diagnostics':
      return `${basename(a.path)}: ${plural(a.diagnostics.length, 'problem')}`;
    case 'symbol':
      return a.name;
    case 'problems':
      return `Problems: ${a.problems.length}${a.truncated ? '+' : ''}`;
    case 'terminal':
      return `Terminal: ${a.command.split('\n')[0]!.slice(0, 40) || a.terminal}`;
    case 'url':
      return urlLabel(a.url);
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
    case 'folder':
      return `Folder ${a.path} (${plural(a.entries.length, 'entry', 'entries')}${a.truncated ? ' listed' : ''})`;
    case 'symbol':
      return `Symbol ${a.name} in ${a.path}, lines ${a.startLine} to ${a.endLine}`;
    case 'problems':
      return `${plural(a.problems.length, 'problem')} in the workspace`;
    case 'terminal':
      return `Output of ${a.command.split('\n')[0] || 'the last command'} in terminal ${a.terminal}`;
    case 'url':
      return `Web page ${a.url}`;
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

/** "example.com/docs/page" without the scheme, cut to fit a chip. */
function urlLabel(url: string): string {
  const bare = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  return bare.length > 40 ? `${bare.slice(0, 39)}…` : bare;
}
