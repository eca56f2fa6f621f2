// A read-only tool call (read_file, list_dir, grep_files) as one compact line: what it looked at, its
// one-line summary, and its error when it failed.
import type { ItemOf, ReadToolName } from '../../../src/protocol/items';
import { codicon, h, spinner } from '../../ui/dom';

const TOOLS: Record<ReadToolName, { icon: string; verb: string; arg: string }> = {
  read_file: { icon: 'file', verb: 'Read', arg: 'file_path' },
  list_dir: { icon: 'folder', verb: 'Listed', arg: 'dir_path' },
  grep_files: { icon: 'search', verb: 'Searched', arg: 'pattern' },
};

export function renderToolCard(item: ItemOf<'toolCall'>): HTMLElement {
  const tool = TOOLS[item.tool];
  const target = stringArg(item.arguments[tool.arg]);
  const scope = item.tool === 'grep_files' ? stringArg(item.arguments.include) || stringArg(item.arguments.path) : '';
  const failed = item.status === 'failed' || item.error !== undefined;
  const statusIcon = item.status === 'inProgress' ? spinner() : failed ? codicon('error', 'status-error') : codicon(tool.icon);
  return h(
    'article',
    {
      class: `item card tool-card${failed ? ' is-failed' : ''}`,
      attrs: { 'aria-label': `${tool.verb} ${target}${failed ? ', failed' : ''}`, 'aria-busy': item.status === 'inProgress' ? 'true' : undefined },
    },
    h(
      'div',
      { class: 'tool-line' },
      statusIcon,
      h('span', { class: 'tool-verb', text: tool.verb }),
      h('code', { class: 'tool-target', text: target, attrs: { title: target } }),
      scope ? h('span', { class: 'muted', text: `in ${scope}` }) : null,
      item.summary ? h('span', { class: 'tool-summary muted', text: `— ${item.summary}` }) : null,
    ),
    item.error ? h('div', { class: 'tool-error', text: item.error.message }) : null,
  );
}

function stringArg(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
