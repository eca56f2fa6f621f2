// MCP in the sidebar: the servers row shows each connected server with its tool count and a failed one
// with its reason, and follows mcp/statusChanged (hidden when there are none); a call of an MCP tool
// that waits for approval is a card naming the server and tool, whose Approve answers the request.
import assert from 'node:assert/strict';
import type { ItemOf } from '../../../src/protocol/items';
import type { McpServerStatus } from '../../../src/protocol/mcp';
import type { HostToWebview } from '../../../src/protocol/webview';
import { eventually } from '../../support/webview-harness';
import { itemEvent, status, thread, turnStarted } from '../../unit/media/fixtures';
import { postAll } from './scenes';
import { useWebview } from './setup';

function mcpStatus(servers: McpServerStatus[]): HostToWebview {
  return { type: 'engineEvent', event: { method: 'mcp/statusChanged', params: { servers } } };
}

describe('webview: MCP servers and tool calls', () => {
  const w = useWebview();

  it('shows connected servers with their tool counts and a failed one with its reason, and updates', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    const row = page.getByRole('region', { name: 'MCP servers' });
    assert.equal(await row.isVisible(), false, 'no row without servers');

    await w.view.post(
      mcpStatus([
        { name: 'test', status: 'connected', tools: ['echo', 'add', 'slow', 'crash', 'env', 'cwd', 'big'] },
        { name: 'broken', status: 'failed', tools: [], error: "could not start '/opt/no-such-server': no such command" },
      ]),
    );
    await row.waitFor();
    const test = row.locator('[data-server="test"]');
    assert.match((await test.textContent()) ?? '', /test\s+7 tools/);
    assert.equal(await test.getAttribute('title'), 'echo, add, slow, crash, env, cwd, big');
    assert.match((await row.locator('[data-server="broken"]').textContent()) ?? '', /broken\s+failed/);
    assert.match((await row.getByRole('status').textContent()) ?? '', /broken: could not start '\/opt\/no-such-server': no such command/);

    // The server died: the row says so; then it is gone from the configuration.
    await w.view.post(mcpStatus([{ name: 'test', status: 'failed', tools: [], error: 'the server stopped' }]));
    await eventually(async () => assert.match((await row.getByRole('status').textContent()) ?? '', /test: the server stopped/));
    await w.view.post(mcpStatus([]));
    await eventually(async () => assert.equal(await row.isVisible(), false));
  });

  it('shows a call waiting for approval as a card naming the server and tool, and Approve answers it', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }, turnStarted()]);
    const call: ItemOf<'mcpToolCall'> = {
      id: 'mcp_call-1',
      turnId: 'turn-1',
      createdAt: 1_700_000_000_000,
      type: 'mcpToolCall',
      server: 'test',
      tool: 'add',
      arguments: { a: 20, b: 22 },
      status: 'awaitingApproval',
      output: '',
    };
    await w.view.post(itemEvent('item/started', call));
    await w.view.post({ type: 'approvalPending', requestId: 'req-7', itemId: 'mcp_call-1' });
    const card = page.getByRole('article', { name: /^MCP tool test\/add: Waiting for approval/ });
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /test\/add '\{"a":20,"b":22\}'/);
    await w.view.clearPosted();
    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    const sent = await w.view.waitForPosted((m) => m.method === 'answerApproval');
    assert.deepEqual(sent, { method: 'answerApproval', params: { requestId: 'req-7', decision: 'accept' } });

    await w.view.post(itemEvent('item/completed', { ...call, status: 'completed', output: '42', durationMs: 40, approval: { decision: 'accept', by: 'user' } }));
    await page.getByRole('article', { name: /^MCP tool test\/add: Done/ }).waitFor();
  });
});
