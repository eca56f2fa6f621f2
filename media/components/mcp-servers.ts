// The MCP servers the engine is configured with, in one compact row under the header: each server with
// its tool count, or — when it failed to start, died or cannot be used — a failure mark and the reason
// (shown in full below the row, since a failure is something the user has to fix).
import type { McpServerStatus } from '../../src/protocol/mcp';
import type { ViewState } from '../state/view-state';
import { codicon, h, spinner } from '../ui/dom';

export class McpServersRow {
  readonly element: HTMLElement;
  private shown: McpServerStatus[] | undefined;

  constructor() {
    this.element = h('section', { class: 'mcp-servers', attrs: { 'aria-label': 'MCP servers' } });
  }

  update(state: ViewState): void {
    if (state.mcpServers === this.shown) return;
    this.shown = state.mcpServers;
    this.element.hidden = state.mcpServers.length === 0;
    this.element.replaceChildren(
      h('div', { class: 'mcp-server-list' }, h('span', { class: 'muted', text: 'MCP' }), ...state.mcpServers.map(serverChip)),
      ...state.mcpServers.filter((s) => s.status === 'failed').map((s) => h('div', { class: 'mcp-server-error tone-error', attrs: { role: 'status' } }, codicon('error'), ` ${s.name}: ${s.error ?? 'failed'}`)),
    );
  }
}

function serverChip(s: McpServerStatus): HTMLElement {
  const tools = `${s.tools.length} ${s.tools.length === 1 ? 'tool' : 'tools'}`;
  const [icon, text, tone] =
    s.status === 'connected' ? [codicon('plug'), tools, 'ok'] : s.status === 'starting' ? [spinner(), 'starting', 'running'] : [codicon('error'), 'failed', 'error'];
  return h(
    'span',
    {
      class: `mcp-server tone-${tone}`,
      attrs: { 'data-server': s.name, 'data-status': s.status, title: s.status === 'connected' ? s.tools.join(', ') : (s.error ?? s.status) },
    },
    icon,
    ` ${s.name} `,
    h('span', { class: 'muted', text }),
  );
}
