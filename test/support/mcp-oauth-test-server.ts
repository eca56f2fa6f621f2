// An MCP server over streamable HTTP protected by OAuth, written with the SDK's own server auth: its
// authorization server (mcpAuthRouter: metadata, dynamic client registration, /authorize, /token) on the
// SDK's demo in-memory provider, which "signs the user in" at once and redirects to the client's
// redirect URI with a code; the MCP endpoint behind requireBearerAuth. All on one port of 127.0.0.1.
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { buildTestServer } from './mcp-test-server';

/** The little of express this server uses (express has no type declarations installed here). */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
interface ExpressApp extends Handler {
  use(handler: unknown): void;
  all(path: string, ...handlers: unknown[]): void;
}
const express = createRequire(__filename)('express') as () => ExpressApp;

export interface McpOAuthTestServer {
  /** The MCP endpoint. */
  url: string;
  /** MCP requests refused for a missing or invalid bearer token. */
  unauthorized: number;
  close(): Promise<void>;
}

export async function startMcpOAuthServer(): Promise<McpOAuthTestServer> {
  const httpServer = http.createServer();
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const mcpUrl = new URL('/mcp', base);
  const provider = new DemoInMemoryAuthProvider();
  const state = { unauthorized: 0 };
  const app = express();
  app.use(mcpAuthRouter({ provider, issuerUrl: new URL(base), resourceServerUrl: mcpUrl }));
  const bearer = requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) });
  const counted: Handler = (_req, res, next) => {
    res.on('finish', () => res.statusCode === 401 && state.unauthorized++);
    next();
  };
  app.all('/mcp', counted, bearer, (req: http.IncomingMessage, res: http.ServerResponse) => {
    const server = buildTestServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  httpServer.on('request', app);
  return {
    url: mcpUrl.href,
    get unauthorized() {
      return state.unauthorized;
    },
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}

/**
 * What a browser does with the sign-in page: follow the authorization server's redirects to the client's
 * loopback callback (bounded, as a browser gives up too).
 */
export async function followAuthorizationRedirects(url: string): Promise<void> {
  let next = url;
  for (let hop = 0; hop < 5; hop++) {
    const r = await fetch(next, { redirect: 'manual' });
    const location = r.headers.get('location');
    await r.arrayBuffer();
    if (!location) break;
    next = new URL(location, next).href;
  }
}
