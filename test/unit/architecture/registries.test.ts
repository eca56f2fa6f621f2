// The handler tables are checked by the compiler: the server's table of engine requests and a front end's
// table of engine→client requests are mapped types over the protocol's methods, so a method left without
// a handler is a type error (the @ts-expect-error lines below stop compiling the day it is not), and at
// run time the server binds exactly the methods the protocol declares.
import assert from 'node:assert/strict';
import type { WebviewMessageHandlers } from '../../../src/extension/sidebar/webview-dispatch';
import { clientRequests, engineRequests, WEBVIEW_METHODS, WebviewToHost, type ClientRequestHandlers } from '../../../src/protocol';
import { requestHandlers } from '../../../src/server/handlers';
import type { RequestHandlers } from '../../../src/server/handlers/handler';

describe('request handler tables', () => {
  it('the server answers every engine request the protocol declares, and nothing else', () => {
    assert.deepEqual(Object.keys(requestHandlers).sort(), Object.keys(engineRequests).sort());
  });

  it('a server table missing a method does not compile', () => {
    const { 'patch/revert': dropped, ...rest } = requestHandlers;
    // @ts-expect-error 'patch/revert' is missing
    const incomplete: RequestHandlers = rest;
    assert.equal(typeof dropped, 'function');
    assert.ok(!('patch/revert' in incomplete));
  });

  it('a front end table missing an engine→client request does not compile', () => {
    const answer = async () => {
      throw new Error('not asked in this test');
    };
    // @ts-expect-error 'document/save' is missing
    const incomplete: ClientRequestHandlers = {
      'item/command/requestApproval': answer,
      'auth/secret': answer,
      'auth/token': answer,
      'mcp/authorize': answer,
      'mcp/oauthLoad': answer,
      'mcp/oauthSave': answer,
    };
    assert.deepEqual(Object.keys(incomplete).length, Object.keys(clientRequests).length - 1);
  });

  it('a sidebar table missing a webview message does not compile, and the sidebar sends engine method names', () => {
    const handle = () => undefined;
    const table = Object.fromEntries(WEBVIEW_METHODS.map((m) => [m, handle])) as unknown as WebviewMessageHandlers;
    const { openDiff: dropped, ...rest } = table;
    // @ts-expect-error 'openDiff' is missing
    const incomplete: WebviewMessageHandlers = rest;
    assert.equal(typeof dropped, 'function');
    assert.ok(!('openDiff' in incomplete));
    assert.equal(WebviewToHost.safeParse({ method: 'patch/revert', params: { patchId: 'p1' } }).success, true);
    assert.equal(WebviewToHost.safeParse({ method: 'patchUndo', params: { patchId: 'p1' } }).success, false, 'one name per request, the engine one');
  });
});
