// A loopback for Bedrock's OpenAI-compatible Responses routes, driven by the real `openai` SDK:
// - Mantle: https://bedrock-mantle.{region}.api.aws/openai/v1 — SigV4 for service `bedrock-mantle`, or a
//   Bedrock API key as `Authorization: Bearer` (AWS "Inference using Responses API"; openai/codex
//   amazon_bedrock/mantle.rs; openai-node src/providers/bedrock/aws.ts signs for `bedrock-mantle`);
// - Runtime: https://bedrock-runtime.{region}.amazonaws.com/openai/v1 — SigV4 for service `bedrock`, or
//   the API key. No first-party page names the service; codex 0.171.0's built-in `amazon-bedrock-runtime`
//   provider signs for `bedrock` (observed against this server: codex-on-loopback-bedrock.test.ts).
//
//   const server = await startBedrockOpenAIServer({ route: 'mantle', credentials, bearerToken, region });
//   server.script([{ steps: [{ type: 'text', text: 'hi' }] }]);  // base URL: server.baseUrl
//
// Models each route serves (others: 404 model_not_found):
// - Mantle: openai.gpt-5.4, openai.gpt-5.5 (AWS model cards: bedrock-mantle only), openai.gpt-oss-*;
// - Runtime: cross-region GPT-5.6+ ids (global./us.openai.gpt-5.6-*, gpt-6*) — the GPT-5.4 model card marks
//   bedrock-runtime unsupported, so openai.gpt-5.4/5.5 are refused there.
// Requests are validated like the Responses API validates them (tool-call history, stateless reasoning
// replay, reasoning.effort per model: model-rules.ts) and answered from the script as real SSE.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAuth, type ServerCredentials } from './bedrock-auth-check';
import { effortRefusal } from './model-rules';
import { invalidRequest, readResponsesRequest, WireRejection } from './openai-server-requests';
import { responsesEvents } from './openai-server-streams';
import { isFault, type ReceivedRequest, type ScriptEntry, type ScriptedResponse } from './scripted-model';

type Json = Record<string, unknown>;
export type BedrockOpenAIRoute = 'mantle' | 'runtime';

export interface BedrockOpenAIServerOptions {
  route: BedrockOpenAIRoute;
  credentials: ServerCredentials;
  /** A Bedrock API key accepted as `Authorization: Bearer`. */
  bearerToken?: string;
  region: string;
  /** Model ids served (default: what the route serves per the AWS model cards). */
  models?: string[];
}

export interface BedrockOpenAICall {
  method: string;
  path: string;
  auth: 'sigv4' | 'bearer' | 'rejected';
  /** The SigV4 credential scope's service, when signed. */
  service?: string;
  accessKeyId?: string;
  status: number;
}

export interface BedrockOpenAIServer {
  url: string;
  /** `${url}/openai/v1`: what AWS_BEDROCK_BASE_URL / the profile's endpoint points at. */
  baseUrl: string;
  script(entries: ScriptEntry[]): void;
  requests: ReceivedRequest[];
  calls: BedrockOpenAICall[];
  pending(): number;
  close(): Promise<void>;
}

const DEFAULT_MODELS: Record<BedrockOpenAIRoute, string[]> = {
  mantle: ['openai.gpt-5.5', 'openai.gpt-5.4', 'openai.gpt-oss-120b', 'openai.gpt-oss-20b'],
  runtime: ['global.openai.gpt-5.6-sol', 'us.openai.gpt-5.6-sol', 'global.openai.gpt-5.6-terra', 'us.openai.gpt-5.6-terra', 'global.openai.gpt-5.6-luna', 'global.openai.gpt-6-sol'],
};

/** The SigV4 service each route is signed for. */
export const ROUTE_SERVICE: Record<BedrockOpenAIRoute, string> = { mantle: 'bedrock-mantle', runtime: 'bedrock' };

function openaiError(message: string, type: string, code: string | null, param: string | null = null): Json {
  return { error: { message, type, param, code } };
}

export async function startBedrockOpenAIServer(options: BedrockOpenAIServerOptions): Promise<BedrockOpenAIServer> {
  const queue: ScriptEntry[] = [];
  const requests: ReceivedRequest[] = [];
  const calls: BedrockOpenAICall[] = [];
  const models = options.models ?? DEFAULT_MODELS[options.route];
  const service = ROUTE_SERVICE[options.route];

  function sendJson(res: http.ServerResponse, status: number, body: unknown): number {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() });
    res.end(JSON.stringify(body));
    return status;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const call: BedrockOpenAICall = { method: req.method ?? 'GET', path: rawPath, auth: 'rejected', status: 0 };
    calls.push(call);

    const auth = await checkAuth({ method: req.method ?? 'GET', path: rawPath, query: url.searchParams, headers: req.headers, body }, { credentials: options.credentials, region: options.region, ...(options.bearerToken ? { bearerToken: options.bearerToken } : {}) });
    if (!auth.ok) {
      call.status = sendJson(res, auth.error.status, { message: auth.error.message });
      return;
    }
    if (auth.scheme === 'sigv4') {
      call.service = auth.service;
      call.accessKeyId = auth.accessKeyId;
      if (auth.service !== service) {
        // SigV4 scoped to the wrong service: AWS's wording for the mismatch (bedrock-server.ts uses the same).
        call.status = sendJson(res, 403, { message: `Credential should be scoped to correct service: '${service}'.` });
        return;
      }
    }
    call.auth = auth.scheme;

    if (req.method === 'GET' && rawPath === '/openai/v1/models') {
      call.status = sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_780_000_000, owned_by: 'openai' })) });
      return;
    }
    if (req.method !== 'POST' || rawPath !== '/openai/v1/responses') {
      call.status = sendJson(res, 404, openaiError(`Invalid URL (${req.method} ${rawPath})`, 'invalid_request_error', null));
      return;
    }
    let json: Json;
    try {
      json = JSON.parse(body.toString('utf8')) as Json;
    } catch {
      call.status = sendJson(res, 400, openaiError('We could not parse the JSON body of your request.', 'invalid_request_error', null));
      return;
    }
    const model = String(json.model ?? '');
    if (!models.includes(model)) {
      call.status = sendJson(res, 404, openaiError(`The model '${model}' does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found', 'model'));
      return;
    }
    if (json.stream !== true) {
      call.status = sendJson(res, 400, openaiError('This loopback server only streams (stream: true).', 'invalid_request_error', null));
      return;
    }
    const refusal = effortRefusal(model, (json.reasoning as Json | undefined)?.effort, true);
    if (refusal) {
      call.status = sendJson(res, refusal.status, openaiError(refusal.message, 'invalid_request_error', refusal.type, refusal.param ?? null));
      return;
    }
    let received: ReceivedRequest;
    try {
      received = readResponsesRequest(json, rawPath, { ...req.headers });
    } catch (e) {
      if (e instanceof WireRejection) {
        call.status = sendJson(res, e.status, e.body);
        return;
      }
      throw e;
    }
    requests.push(received);
    const entry = queue.shift();
    if (!entry) {
      call.status = sendJson(res, 500, openaiError(`The loopback Bedrock ${options.route} script ran out at request ${requests.length}.`, 'server_error', null));
      return;
    }
    if (isFault(entry)) {
      const f = entry.fault === 'throttle' ? { status: 429, message: 'Too many requests, please wait before trying again.' } : entry.fault === 'authInvalid' ? { status: 403, message: 'Authentication failed: Please make sure your API Key is valid.' } : { status: 500, message: 'The server had an error while processing your request.' };
      call.status = sendJson(res, f.status, { message: f.message });
      return;
    }
    try {
      entry.expect?.(received);
    } catch (e) {
      call.status = sendJson(res, 400, invalidRequest(e instanceof Error ? e.message : String(e)).body);
      return;
    }
    const events = responsesEvents(entry as ScriptedResponse, { model, includeEncrypted: ((json.include ?? []) as string[]).includes('reasoning.encrypted_content') });
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'x-amzn-requestid': randomUUID() });
    events.forEach((event, sequence) => res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify({ ...event, sequence_number: sequence })}\n\n`));
    res.end();
    call.status = 200;
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, openaiError(`loopback server bug: ${String(e)}`, 'server_error', null));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/openai/v1`,
    script: (entries) => void queue.push(...entries),
    requests,
    calls,
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
