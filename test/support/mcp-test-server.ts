// A real MCP server, written with the same SDK Crosswind's client uses, for the MCP tests: over stdio
// (run this file: `node --import tsx test/support/mcp-test-server.ts`) or over streamable HTTP on
// 127.0.0.1 (startMcpHttpServer, in the test's own process). Its tools:
//   echo {text}        → the text
//   add {a, b}         → the sum
//   slow {ms}          → waits (bounded), then "done" — for timeouts and interruption
//   crash {}           → the process exits (stdio) without answering
//   env {name}         → the variable's value in the server's environment, or "(unset)"
//   cwd {}             → the server's working folder
//   big {chars}        → that many characters of output (head "BEGIN", tail "END")
// `--tools N` instead offers N filler tools with realistic schemas (the prompt-overhead bench).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import * as z from 'zod';

const MAX_SLOW_MS = 60_000;

function text(t: string) {
  return { content: [{ type: 'text' as const, text: t }] };
}

export function buildTestServer(opts: { onCrash?: () => void } = {}): McpServer {
  const server = new McpServer({ name: 'crosswind-test', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echo the text back.', inputSchema: { text: z.string() } }, async ({ text: t }) => text(t));
  server.registerTool('add', { description: 'Add two numbers.', inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }) => text(String(a + b)));
  server.registerTool('slow', { description: 'Wait ms milliseconds, then answer.', inputSchema: { ms: z.number().int().min(0) } }, async ({ ms }) => {
    await new Promise((r) => setTimeout(r, Math.min(ms, MAX_SLOW_MS)));
    return text('done');
  });
  server.registerTool('crash', { description: 'Exit the server process.', inputSchema: {} }, async () => {
    opts.onCrash?.();
    return new Promise<never>(() => undefined);
  });
  server.registerTool('env', { description: 'Read an environment variable of the server.', inputSchema: { name: z.string() } }, async ({ name }) => text(process.env[name] ?? '(unset)'));
  // What the sandbox lets the server touch: a read and a write anywhere, each answering what happened.
  server.registerTool('read', { description: 'Read a file.', inputSchema: { path: z.string() } }, async ({ path: p }) => {
    try {
      return text(fs.readFileSync(p, 'utf8'));
    } catch (e) {
      return text(`cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  });
  server.registerTool('write', { description: 'Write a file.', inputSchema: { path: z.string(), text: z.string() } }, async ({ path: p, text: t }) => {
    try {
      fs.writeFileSync(p, t);
      return text('written');
    } catch (e) {
      return text(`cannot write: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  });
  server.registerTool('cwd', { description: 'The server process working folder.', inputSchema: {} }, async () => text(process.cwd()));
  server.registerTool('big', { description: 'Produce chars characters of output.', inputSchema: { chars: z.number().int().min(0).max(1_000_000) } }, async ({ chars }) =>
    text(`BEGIN${'x'.repeat(Math.max(0, chars - 8))}END`),
  );
  return server;
}

/** N tools shaped like a real server's (an issue tracker's): a name, a sentence, a few typed arguments. */
export function buildFillerServer(n: number): McpServer {
  const server = new McpServer({ name: 'crosswind-filler', version: '1.0.0' });
  const verbs = ['list', 'get', 'create', 'update', 'delete', 'search', 'assign', 'close', 'reopen', 'comment'];
  const nouns = ['issue', 'project', 'label', 'milestone', 'user', 'comment', 'board', 'sprint'];
  for (let i = 0; i < n; i++) {
    const verb = verbs[i % verbs.length]!;
    const noun = nouns[Math.floor(i / verbs.length) % nouns.length]!;
    server.registerTool(
      `${verb}_${noun}${i >= verbs.length * nouns.length ? `_${i}` : ''}`,
      {
        description: `${verb[0]!.toUpperCase()}${verb.slice(1)} a ${noun} in the tracker. Returns the ${noun} as JSON.`,
        inputSchema: {
          project: z.string().describe('Project key, e.g. "CW"'),
          id: z.string().optional().describe(`The ${noun} id`),
          query: z.string().optional().describe('Free-text filter'),
          limit: z.number().int().min(1).max(100).optional().describe('Max results (default 20)'),
        },
      },
      async () => text('[]'),
    );
  }
  return server;
}

export interface McpHttpTestServer {
  url: string;
  /** Requests refused for a missing or wrong Authorization header. */
  unauthorized: number;
  close(): Promise<void>;
}

/** Streamable HTTP, stateless (a fresh server per request), on 127.0.0.1; `token` makes it require `Authorization: Bearer <token>`. */
export async function startMcpHttpServer(opts: { token?: string } = {}): Promise<McpHttpTestServer> {
  const state = { unauthorized: 0 };
  const httpServer = http.createServer((req, res) => {
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
      state.unauthorized++;
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized' }));
      return;
    }
    const server = buildTestServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
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

async function main(): Promise<void> {
  const filler = process.argv.indexOf('--tools');
  const server = filler > 0 ? buildFillerServer(Number(process.argv[filler + 1])) : buildTestServer({
        onCrash: () => {
          process.stderr.write('test server: crash requested, exiting\n');
          process.exit(3);
        },
      });
  process.stderr.write('crosswind-test MCP server ready\n');
  // The client closing stdin ends the server (as real stdio servers do).
  process.stdin.on('end', () => process.exit(0));
  await server.connect(new StdioServerTransport());
}

if (process.argv[1] && /mcp-test-server\.ts$/.test(process.argv[1])) void main();
