// The HTTP side of `crosswind serve`: GET /ping and POST /invocations as AgentCore Runtime calls them
// (agentcore-contract.ts), everything else 404. /ping never waits on a task: it reads a field. A body
// larger than InvokeAgentRuntime's 100 MB is refused (413) while it arrives, not after it was buffered.
import http from 'node:http';
import { INVOCATIONS_PATH, MAX_INVOCATION_BYTES, PING_PATH, REQUEST_ID_HEADER, SESSION_HEADER, USER_ID_HEADER } from './agentcore-contract';
import { handleInvocation } from './invocation';
import type { TaskRegistry } from './task-registry';

function send(res: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) || undefined;
}

class TooLarge extends Error {}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        reject(new TooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface ServeLog {
  (line: string): void;
}

export function createServeServer(registry: TaskRegistry, log: ServeLog, maxBytes = MAX_INVOCATION_BYTES): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === PING_PATH) {
      if (req.method !== 'GET') return send(res, 405, { error: { code: 'invalidRequest', message: 'GET /ping' } });
      return send(res, 200, registry.ping.body());
    }
    if (url.pathname !== INVOCATIONS_PATH) return send(res, 404, { error: { code: 'notFound', message: `no route ${url.pathname}: this server answers GET /ping and POST /invocations` } });
    if (req.method !== 'POST') return send(res, 405, { error: { code: 'invalidRequest', message: 'POST /invocations' } });
    const started = Date.now();
    const invoker = { sessionId: header(req, SESSION_HEADER), runtimeUserId: header(req, USER_ID_HEADER) };
    const requestId = header(req, REQUEST_ID_HEADER);
    readBody(req, maxBytes)
      .then(async (body) => {
        let payload: unknown;
        try {
          payload = JSON.parse(body.toString('utf8'));
        } catch (e) {
          return send(res, 400, { error: { code: 'invalidRequest', message: `the body is not JSON: ${e instanceof Error ? e.message : String(e)}` } });
        }
        const answer = await handleInvocation(registry, payload, invoker);
        send(res, 200, answer.body);
        const outcome = 'error' in answer.body ? `refused (${(answer.body as { error: { code: string } }).error.code})` : 'ok';
        // One line per invocation for the runtime's log (CloudWatch): never the prompt or the payload.
        log(`${answer.action ?? 'invalid'} ${answer.taskId ?? ''} ${outcome} in ${Date.now() - started} ms${invoker.sessionId ? ` session ${invoker.sessionId}` : ''}${requestId ? ` request ${requestId}` : ''}`);
      })
      .catch((e: unknown) => {
        if (e instanceof TooLarge) {
          // Answer, then drop the connection rather than read the rest of an oversized body.
          res.setHeader('connection', 'close');
          res.on('finish', () => req.destroy());
        }
        if (e instanceof TooLarge) return send(res, 413, { error: { code: 'invalidRequest', message: `the body is larger than ${Math.round(maxBytes / 1048576)} MB (InvokeAgentRuntime's payload limit)` } });
        if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } });
      });
  });
}
