// A call of an MCP server's tool: shown like a command (it is approved like one), headed by the server
// and tool it calls, with the arguments on the second line and the result behind the output disclosure.
import type { ItemOf } from '../../../src/protocol/items';
import { formatCommand } from '../../state/format';
import type { PendingApproval } from '../../state/view-state';
import { codicon } from '../../ui/dom';
import type { ViewContext } from '../context';
import { renderCommandCard } from './command-card';

export function renderMcpToolCard(item: ItemOf<'mcpToolCall'>, approval: PendingApproval | undefined, ctx: ViewContext): HTMLElement {
  const name = `${item.server}/${item.tool}`;
  const command = [name, JSON.stringify(item.arguments)];
  const card = renderCommandCard(
    {
      id: item.id,
      turnId: item.turnId,
      createdAt: item.createdAt,
      type: 'commandExecution',
      command,
      workdir: '',
      status: item.status,
      output: item.output,
      timedOut: false,
      ...(item.durationMs !== undefined ? { durationMs: item.durationMs } : {}),
      ...(item.approval ? { approval: item.approval } : {}),
    },
    approval,
    ctx,
  );
  card.classList.add('mcp-tool-card');
  const label = card.getAttribute('aria-label') ?? '';
  const commandPrefix = `Command ${formatCommand(command)}:`;
  card.setAttribute('aria-label', label.startsWith(commandPrefix) ? `MCP tool ${name}:${label.slice(commandPrefix.length)}` : `MCP tool ${name}`);
  card.querySelector('.card-header .codicon')?.replaceWith(codicon('plug'));
  return card;
}
