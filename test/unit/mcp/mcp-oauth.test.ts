// OAuth sign-in to a streamable-HTTP MCP server, end to end on the SDK: a server protected by the SDK's
// own authorization server (test/support/mcp-oauth-test-server.ts), and a front end whose browser is
// fetch following the authorization URL's redirects back to the engine's loopback listener.
import assert from 'node:assert/strict';
import path from 'node:path';
import { CancellationSource } from '../../../src/core/ports/cancellation';
import { type McpOAuthFrontEnd, SIGN_IN_NEEDED } from '../../../src/host/mcp/mcp-oauth';
import { NodeMcpServers } from '../../../src/host/mcp/node-mcp-servers';
import { redactSecrets } from '../../../src/shared';
import { followAuthorizationRedirects, type McpOAuthTestServer, startMcpOAuthServer } from '../../support/mcp-oauth-test-server';

const ROOT = path.resolve(__dirname, '../../..');

/** A front end with SecretStorage (a Map) and a "browser" that follows the sign-in's redirects. */
function browserFrontEnd(store: Map<string, string>, opened: string[]): McpOAuthFrontEnd {
  return {
    authorize: async (_server, url) => {
      opened.push(url);
      await followAuthorizationRedirects(url);
      return { opened: true };
    },
    load: async (key) => store.get(key) ?? null,
    save: async (key, value) => void (value === null ? store.delete(key) : store.set(key, value)),
  };
}

describe('MCP OAuth sign-in (real SDK authorization server over HTTP)', function () {
  this.timeout(30_000);
  let server: McpOAuthTestServer;
  const open: NodeMcpServers[] = [];
  const signal = new CancellationSource().signal;
  const make = (oauth: McpOAuthFrontEnd) => {
    const s = new NodeMcpServers({ root: ROOT, env: process.env, clientVersion: 'test', oauth });
    open.push(s);
    s.configure({ remote: { type: 'http', url: server.url, headers: {} } });
    return s;
  };

  beforeEach(async () => {
    server = await startMcpOAuthServer();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await server.close();
  });

  it('signs in through the browser, lists the tools, and a restart with the saved state connects without asking again', async () => {
    const store = new Map<string, string>();
    const opened: string[] = [];
    const first = make(browserFrontEnd(store, opened));
    const tools = await first.tools(signal);
    assert.ok(tools.some((t) => t.name === 'echo'), `tools: ${JSON.stringify(first.status())}`);
    assert.equal(opened.length, 1);
    assert.match(opened[0]!, /\/authorize\?.*code_challenge=.*redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback/);
    assert.deepEqual(await first.call('remote', 'echo', { text: 'signed in' }, signal), { text: 'signed in', isError: false });
    assert.ok(server.unauthorized >= 1, 'the server refused the first request');

    // The saved state holds the tokens, and they are registered for redaction.
    assert.equal(store.size, 1);
    const saved = JSON.parse([...store.values()][0]!) as { tokens?: { access_token?: string } };
    const token = saved.tokens?.access_token;
    assert.ok(token);
    assert.ok(!redactSecrets(`Bearer ${token}`).includes(token), 'the access token is redacted');

    await first.close();
    const refusedBefore = server.unauthorized;
    const second = make(browserFrontEnd(store, opened));
    assert.ok((await second.tools(signal)).some((t) => t.name === 'echo'));
    assert.equal(opened.length, 1, 'no second sign-in');
    assert.equal(server.unauthorized, refusedBefore, 'the saved token was accepted at once');
  });

  it('reports the server failed with the sign-in message when no browser can be opened (the CLI)', async () => {
    const store = new Map<string, string>();
    const cli: McpOAuthFrontEnd = { ...browserFrontEnd(store, []), authorize: async () => ({ opened: false }) };
    const servers = make(cli);
    assert.deepEqual(await servers.tools(signal), []);
    const status = servers.status()[0];
    assert.equal(status?.status, 'failed');
    assert.match(status?.error ?? '', new RegExp(`^could not connect to ${server.url.replace(/[.?]/g, '\\$&')}: ${SIGN_IN_NEEDED}$`));
    assert.match((await servers.call('remote', 'echo', { text: 'x' }, signal)).text, /needs an OAuth sign-in; sign in from the editor/);
  });
});
