// The host's MCP client against the real SDK test server over stdio: a call ended by the turn's signal
// returns at once, a server that keeps crashing is restarted a bounded number of times and then stays
// failed with the reason, and a removed server is stopped.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationSource } from '../../../src/core/ports/cancellation';
import { MAX_RESTARTS } from '../../../src/host/mcp/mcp-connection';
import { NodeMcpServers } from '../../../src/host/mcp/node-mcp-servers';
import type { McpServerStatus } from '../../../src/protocol';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const STDIO = { type: 'stdio' as const, command: process.execPath, args: ['--import', TSX, path.join(ROOT, 'test/support/mcp-test-server.ts')], env: {} };

describe('MCP servers on Node (real stdio server)', function () {
  this.timeout(60_000);
  let servers: NodeMcpServers;
  const changes: McpServerStatus[][] = [];

  beforeEach(() => {
    servers = new NodeMcpServers({ root: ROOT, env: process.env, clientVersion: 'test' });
    servers.onStatusChange((s) => changes.push(s));
    servers.configure({ test: STDIO });
  });
  afterEach(async () => {
    await servers.close();
    changes.length = 0;
  });

  it('ends a slow call as soon as the turn is interrupted, and the server keeps answering', async () => {
    const turn = new CancellationSource();
    assert.ok((await servers.tools(turn.signal)).some((t) => t.name === 'slow'));
    const started = Date.now();
    setTimeout(() => turn.cancel(), 300);
    const r = await servers.call('test', 'slow', { ms: 30_000 }, turn.signal);
    assert.ok(Date.now() - started < 5_000, `the call took ${Date.now() - started} ms after the interrupt`);
    assert.deepEqual(r, { text: 'The call of test/slow was interrupted with the turn.', isError: true });
    assert.deepEqual(await servers.call('test', 'echo', { text: 'still here' }, new CancellationSource().signal), { text: 'still here', isError: false });
  });

  it(`restarts a crashed server on the next call at most ${MAX_RESTARTS} times, then reports it failed`, async () => {
    const signal = new CancellationSource().signal;
    await servers.tools(signal);
    for (let i = 0; i <= MAX_RESTARTS; i++) {
      const r = await servers.call('test', 'crash', {}, signal);
      assert.ok(r.isError);
      assert.match(r.text, /The server is down \(the server stopped; its last output: .*crash requested.*\)\. It is (started again on the next call|not started again \(3 restarts\))\./s);
    }
    assert.equal(servers.status()[0]?.status, 'failed');
    const last = await servers.call('test', 'add', { a: 1, b: 2 }, signal);
    assert.match(last.text, new RegExp(`MCP server 'test' is not running: .*not restarted again after ${MAX_RESTARTS} restarts`, 's'));
    assert.deepEqual(await servers.tools(signal), []);
  });

  it('stops a server the configuration no longer names', async () => {
    await servers.tools(new CancellationSource().signal);
    servers.configure({});
    assert.deepEqual(servers.status(), []);
    assert.deepEqual(changes.at(-1), []);
    assert.match((await servers.call('test', 'add', { a: 1, b: 2 }, new CancellationSource().signal)).text, /No MCP server named 'test'/);
  });
});
