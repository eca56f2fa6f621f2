// OAuth sign-in of an HTTP MCP server in the real VS Code: the server is protected by the SDK's own
// authorization server (test/support/mcp-oauth-test-server.ts); the engine asks the editor (mcp/authorize),
// the editor asks the user in a modal naming the server and its host and opens the page with
// openExternal — both stood in for here, the "browser" following the redirects to the engine's loopback
// listener — and the tokens end up in SecretStorage, never in the settings.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import { followAuthorizationRedirects, startMcpOAuthServer, type McpOAuthTestServer } from '../support/mcp-oauth-test-server';
import { crosswind, waitFor } from './helpers';
import { setWorkspaceSettings } from './loopback-bedrock';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

describe('MCP OAuth sign-in in the editor', function () {
  this.timeout(60_000);
  let services: ExtensionServices;
  let server: McpOAuthTestServer;
  const win = vscode.window as Writable<typeof vscode.window>;
  const env = vscode.env as Writable<typeof vscode.env>;
  const originalAsk = win.showInformationMessage;
  const originalOpen = env.openExternal;

  before(async () => {
    services = (await crosswind()).services;
    await services.engine.ready();
    server = await startMcpOAuthServer();
  });
  after(async () => {
    win.showInformationMessage = originalAsk;
    env.openExternal = originalOpen;
    const folder = vscode.workspace.workspaceFolders![0]!;
    const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete current['crosswind.mcpServers'];
    fs.writeFileSync(file, JSON.stringify(current, null, 2));
    await server?.close();
  });

  it('asks the user, opens the sign-in page, connects the server, and keeps the tokens in SecretStorage', async () => {
    const asked: string[] = [];
    const opened: string[] = [];
    win.showInformationMessage = (async (message: string) => {
      asked.push(message);
      return 'Sign in';
    }) as unknown as typeof win.showInformationMessage;
    env.openExternal = async (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      await followAuthorizationRedirects(uri.toString(true));
      return true;
    };
    await setWorkspaceSettings({ 'crosswind.mcpServers': { remote: { type: 'http', url: server.url } } });
    const servers = await waitFor(
      'the engine to sign in and connect the OAuth server',
      async () => {
        const { servers: s } = await services.engine.request('mcp/status', {});
        return s.find((x) => x.name === 'remote' && x.status !== 'starting');
      },
      45_000,
    );
    assert.equal(servers.status, 'connected', servers.error);
    assert.ok(servers.tools.includes('echo'));
    const host = new URL(server.url).host;
    assert.deepEqual(asked, [`Sign in to MCP server 'remote' at ${host}?`]);
    assert.equal(opened.length, 1);
    assert.match(opened[0]!, new RegExp(`^http://${host.replace(/\./g, '\\.')}/authorize\\?`));
    const saved = await services.context.secrets.get(`crosswind.mcp.oauth/remote/${server.url}`);
    assert.ok(saved && (JSON.parse(saved) as { tokens?: { access_token?: string } }).tokens?.access_token, 'the tokens are in SecretStorage');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('crosswind').inspect('mcpServers')).includes('access_token'));
  });
});
