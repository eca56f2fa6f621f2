// An MCP server in the real VS Code: configured through the crosswind.mcpServers setting (the stdio test
// server written with the SDK, test/support/mcp-test-server.ts), connected by the engine process, its
// tool called in a turn against the loopback Bedrock — asked about under read-only, approved in the
// approval center as the sidebar's button would — and its result in the model's next request. A server
// that cannot start is reported failed, with the reason, through mcp/status.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import { crosswind, waitFor } from './helpers';
import { lastToolResult, setWorkspaceSettings, useLoopbackBedrock, type LoopbackBedrock } from './loopback-bedrock';

describe('MCP tool servers in the editor', function () {
  this.timeout(90_000);
  let services: ExtensionServices;
  let cloud: LoopbackBedrock;

  before(async () => {
    services = (await crosswind()).services;
    await services.engine.ready();
    cloud = await useLoopbackBedrock(services);
    // The extension is run from the repository: its folder holds the test server and tsx.
    const root = services.context.extensionPath;
    const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
    await setWorkspaceSettings({
      'crosswind.mcpServers': {
        test: { type: 'stdio', command: process.execPath, args: ['--import', tsx, path.join(root, 'test/support/mcp-test-server.ts')] },
        broken: { type: 'stdio', command: path.join(root, 'no-such-mcp-server') },
      },
    });
  });
  after(async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete current['crosswind.mcpServers'];
    fs.writeFileSync(file, JSON.stringify(current, null, 2));
    await cloud?.close();
  });

  it('connects the server, reports the one that cannot start, and runs a tool the user approves, its result reaching the model', async () => {
    const servers = await waitFor(
      'the engine to connect the test server and fail the broken one',
      async () => {
        const { servers: s } = await services.engine.request('mcp/status', {});
        return s.some((x) => x.name === 'test' && x.status === 'connected') && s.some((x) => x.name === 'broken' && x.status === 'failed') ? s : undefined;
      },
      45_000,
    );
    assert.ok(servers.find((s) => s.name === 'test')!.tools.includes('add'));
    assert.match(servers.find((s) => s.name === 'broken')!.error ?? '', /could not start .*no-such-mcp-server/);

    await services.conversation.newThread();
    cloud.server.script([
      { steps: [{ type: 'toolCall', name: 'mcp__test__add', input: { a: 20, b: 22 } }] },
      { steps: [{ type: 'text', text: 'The answer is 42.' }] },
    ]);
    const before = cloud.server.requests.length;
    await services.conversation.startTurn('Add 20 and 22 with the test server.');
    // read-only (the default): the call waits for the user, named by its server and tool.
    const asked = await waitFor('the approval request', () => services.approvals.all[0]);
    assert.equal(asked.params.command[0], 'mcp:test/add');
    services.approvals.settle(asked.requestId, 'accept');
    await waitFor('the model to get the result', () => cloud.server.requests.length >= before + 2);
    assert.equal(lastToolResult(cloud.server.requests[before + 1]), '42');
    assert.ok(cloud.server.requests[before]!.toolNames.includes('mcp__test__add'));
  });
});
