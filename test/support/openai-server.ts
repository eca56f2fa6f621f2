/**
 * A loopback OpenAI / Azure OpenAI server speaking the real wire protocol, for tests driven by the real
 * `openai` SDK. It serves
 *   OpenAI:        POST /v1/responses, POST /v1/chat/completions, GET /v1/models
 *   Azure v1:      POST /openai/v1/responses, POST /openai/v1/chat/completions, GET /openai/v1/models
 *                  (404 "Resource not found" when `azure.v1` is off, like a resource without the v1 API)
 *   Azure classic: POST /openai/deployments/{deployment}/chat/completions?api-version=…
 * checks credentials the way each service does (`Authorization: Bearer <key>` for OpenAI, `api-key` or an
 * Entra bearer token for Azure; 401 with the real bodies), validates tool-call history and stateless
 * reasoning replay like the real APIs (400/404 otherwise), and plays back a ScriptEntry queue: responses
 * streamed as real SSE (Responses events with sequence numbers; Chat chunks, a usage chunk and
 * `data: [DONE]`), faults in the services' own error shapes. Listens on 127.0.0.1, port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFault, type Fault, type ReceivedRequest, type ScriptEntry, type ScriptedResponse } from './scripted-model';
import { effortRefusal } from './model-rules';
import { invalidRequest, readChatRequest, readResponsesRequest, WireRejection } from './openai-server-requests';
import { chatChunks, responsesEvents } from './openai-server-streams';

type Json = Record<string, unknown>;
type Family = 'openai' | 'azure';
type Api = 'responses' | 'chat' | 'models';

export interface OpenAIServerOptions {
  /** The key to require: `Authorization: Bearer <key>` on OpenAI routes, `api-key: <key>` on Azure routes. */
  apiKey?: string;
  /** An accepted bearer token (Entra), or a test for one. A JWT whose `exp` has passed is answered as expired. */
  bearerToken?: string | ((token: string) => boolean);
  azure?: {
    /** The api-version the classic routes accept (any when unset). */
    apiVersion?: string;
    /** Whether the resource has the v1 API (/openai/v1/). Default true. */
    v1?: boolean;
    /** Existing deployments (any when unset); others get 404 DeploymentNotFound. */
    deployments?: string[];
    /** Responses-only deployments (GPT-5-class): Chat Completions on them is 400 OperationNotSupported. */
    responsesOnly?: string[];
    /**
     * False: a resource in a region without the Responses API. /openai/v1/models still answers, and
     * /openai/v1/responses is 404 "Azure OpenAI Responses API is not enabled in this region" — the real
     * body is quoted in responsibleai/ASSERT#129 (West Europe); regions per https://aka.ms/aoai/responsesapi/availability.
     */
    responsesApi?: boolean;
    /** The model behind each deployment, so reasoning.effort is checked as that model checks it. */
    deploymentModels?: Record<string, string>;
  };
  /** What GET /models lists. */
  models?: string[];
  /** Delay before answering GET /models (a slow probe). */
  modelsDelayMs?: number;
  /** How `midStreamError` looks on the Responses API: an `error` event (default) or `response.failed`. */
  responsesStreamError?: 'error' | 'response.failed';
}

export interface OpenAIServer {
  /** http://127.0.0.1:<port>: the Azure endpoint. */
  url: string;
  /** `${url}/v1`: the OpenAI base URL. */
  openaiBaseUrl: string;
  /** Appends to the queue; each model request takes the next entry. */
  script(entries: ScriptEntry[]): void;
  /** Model requests that passed validation, in order. */
  requests: ReceivedRequest[];
  /** Every HTTP request with its answer status, including model lists, probes and refusals. */
  log: Array<{ method: string; path: string; status: number }>;
  /** Entries not yet used. */
  remaining(): number;
  close(): Promise<void>;
}

const FILLER: ScriptedResponse = { steps: [{ type: 'text', text: 'This answer is cut short by a fault.' }] };
const AZURE_NOT_FOUND = { error: { code: '404', message: 'Resource not found' } };

function bearerTokenExpired(token: string): boolean {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    return typeof claims.exp === 'number' && claims.exp * 1000 < Date.now();
  } catch {
    return false;
  }
}

function route(method: string, pathname: string): { family: Family; api: Api; v1: boolean; deployment?: string } | undefined {
  if (pathname === '/v1/responses' && method === 'POST') return { family: 'openai', api: 'responses', v1: false };
  if (pathname === '/v1/chat/completions' && method === 'POST') return { family: 'openai', api: 'chat', v1: false };
  if (pathname === '/v1/models' && method === 'GET') return { family: 'openai', api: 'models', v1: false };
  if (pathname === '/openai/v1/responses' && method === 'POST') return { family: 'azure', api: 'responses', v1: true };
  if (pathname === '/openai/v1/chat/completions' && method === 'POST') return { family: 'azure', api: 'chat', v1: true };
  if (pathname === '/openai/v1/models' && method === 'GET') return { family: 'azure', api: 'models', v1: true };
  const classic = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(pathname);
  if (classic && method === 'POST') return { family: 'azure', api: 'chat', v1: false, deployment: decodeURIComponent(classic[1]) };
  return undefined;
}

function unauthorized(family: Family, kind: 'missing' | 'invalid' | 'expired', viaBearer: boolean): { status: number; body: Json; headers: Record<string, string> } {
  const challenge = kind === 'expired' ? 'Bearer error="invalid_token", error_description="The access token expired"' : 'Bearer error="invalid_token"';
  if (family === 'azure') {
    const message = viaBearer
      ? 'Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'
      : 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';
    return { status: 401, body: { error: { code: '401', message } }, headers: viaBearer ? { 'www-authenticate': challenge } : {} };
  }
  if (kind === 'expired') {
    return { status: 401, body: { error: { message: 'Your authentication token has expired. Please try signing in again.', type: 'invalid_request_error', param: null, code: 'token_expired' } }, headers: {} };
  }
  const message =
    kind === 'missing'
      ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      : 'Incorrect API key provided: sk-te***ng. You can find your API key at https://platform.openai.com/account/api-keys.';
  return { status: 401, body: { error: { message, type: 'invalid_request_error', param: null, code: kind === 'missing' ? null : 'invalid_api_key' } }, headers: {} };
}

function faultResponse(fault: Fault, family: Family, api: Api, model: string, viaBearer: boolean): { status: number; body: Json; headers: Record<string, string> } {
  switch (fault.fault) {
    case 'throttle': {
      const s = fault.retryAfterSeconds;
      const headers: Record<string, string> = s === undefined ? {} : family === 'azure' ? { 'retry-after': String(s), 'retry-after-ms': String(s * 1000) } : { 'retry-after': String(s) };
      const body =
        family === 'azure'
          ? { error: { code: '429', message: `Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded token rate limit of your current AIServices S0 pricing tier.${s === undefined ? '' : ` Please retry after ${s} seconds.`}` } }
          : { error: { message: `Rate limit reached for ${model} in organization org-loopback on tokens per min (TPM): Limit 30000, Used 30000, Requested 1200.${s === undefined ? '' : ` Please try again in ${s}s.`}`, type: 'tokens', param: null, code: 'rate_limit_exceeded' } };
      return { status: 429, body, headers };
    }
    case 'serverError': {
      const status = fault.status ?? 500;
      const body =
        family === 'azure'
          ? { error: { code: status === 503 ? 'ServiceUnavailable' : 'InternalServerError', message: 'The service is temporarily unable to process your request. Please try again later.' } }
          : { error: { message: status === 503 ? 'The engine is currently overloaded, please try again later' : 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } };
      return { status, body, headers: {} };
    }
    case 'authExpired':
      return unauthorized(family, 'expired', viaBearer || family === 'azure');
    case 'authInvalid':
      return unauthorized(family, 'invalid', viaBearer);
    case 'accessDenied':
      return {
        status: 403,
        body:
          family === 'azure'
            ? { error: { code: 'PermissionDenied', message: 'The principal `00000000-0000-0000-0000-00000000a11c` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/deployments/{deployment-id}/chat/completions` operation.' } }
            : { error: { message: `Project \`proj_loopback\` does not have access to model \`${model}\``, type: 'invalid_request_error', param: null, code: 'model_not_found' } },
        headers: {},
      };
    case 'contextTooLong': {
      const rejection =
        api === 'responses'
          ? invalidRequest('Your input exceeds the context window of this model. Please adjust your input and try again.', 'input', 'context_length_exceeded')
          : invalidRequest("This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.", 'messages', 'context_length_exceeded');
      return { status: rejection.status, body: rejection.body, headers: {} };
    }
    case 'quota':
      return {
        status: 429,
        body: { error: { message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } },
        headers: {},
      };
    default:
      throw new Error(`not a status fault: ${fault.fault}`);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const queue: ScriptEntry[] = [];
  const requests: ReceivedRequest[] = [];
  const log: OpenAIServer['log'] = [];
  let requestCounter = 0;

  function acceptBearer(token: string): boolean {
    const b = options.bearerToken;
    return typeof b === 'function' ? b(token) : b !== undefined && token === b;
  }

  /** undefined when the credentials are fine, else the 401 to send. */
  function checkAuth(family: Family, headers: http.IncomingHttpHeaders) {
    if (options.apiKey === undefined && options.bearerToken === undefined) return undefined;
    const bearer = /^Bearer\s+(.+)$/i.exec(String(headers.authorization ?? ''))?.[1];
    const apiKeyHeader = headers['api-key'] as string | undefined;
    if (family === 'azure' && apiKeyHeader !== undefined) return apiKeyHeader === options.apiKey ? undefined : unauthorized(family, 'invalid', false);
    if (bearer !== undefined) {
      if (acceptBearer(bearer)) return bearerTokenExpired(bearer) ? unauthorized(family, 'expired', true) : undefined;
      if (family === 'openai' && bearer === options.apiKey) return undefined;
      return unauthorized(family, bearerTokenExpired(bearer) ? 'expired' : 'invalid', family === 'azure');
    }
    return unauthorized(family, 'missing', false);
  }

  async function writeStream(req: http.IncomingMessage, res: http.ServerResponse, api: 'responses' | 'chat', events: Json[], script: ScriptedResponse, cut?: Extract<Fault, { afterEvents: number }>) {
    let closed = false;
    res.on('close', () => (closed = true));
    if (cut?.fault === 'drop' && cut.afterEvents === 0) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req_${++requestCounter}` });
    let sequence = 0;
    const send = (event: Json) => {
      if (api === 'responses') res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify({ ...event, sequence_number: sequence++ })}\n\n`);
      else res.write(`data: ${JSON.stringify(event)}\n\n`);
    };
    // Responses: the terminal event is the last one, so a cut never lands after it.
    const cutAt = cut ? Math.min(cut.afterEvents, api === 'responses' ? events.length - 1 : events.length) : events.length;
    for (let i = 0; i < cutAt; i++) {
      if (i > 0 && script.delayMs) await sleep(script.delayMs);
      if (closed) return;
      send(events[i]);
    }
    if (!cut) {
      if (api === 'chat') res.write('data: [DONE]\n\n');
      res.end();
      return;
    }
    if (cut.fault === 'drop') {
      // Let the written bytes leave before the connection dies.
      setTimeout(() => req.socket.destroy(), 20);
      return;
    }
    if (cut.fault === 'midStreamError') {
      const error = { code: 'server_error', message: 'The server had an error while processing your request. Sorry about that!' };
      if (api === 'chat') res.write(`data: ${JSON.stringify({ error: { ...error, type: 'server_error', param: null, code: null } })}\n\n`);
      else if (options.responsesStreamError === 'response.failed') send({ type: 'response.failed', response: { id: 'resp_failed', object: 'response', status: 'failed', error, output: [], usage: null, incomplete_details: null } });
      else send({ type: 'error', ...error, param: null });
    }
    res.end();
  }

  function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${++requestCounter}`, ...headers });
    res.end(JSON.stringify(body));
  }

  async function readBody(req: http.IncomingMessage): Promise<Json> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
    } catch {
      throw invalidRequest('We could not parse the JSON body of your request.');
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const r = route(req.method ?? 'GET', url.pathname);
    const path = url.pathname + url.search;
    res.on('finish', () => log.push({ method: req.method ?? '', path, status: res.statusCode }));
    if (!r || (r.family === 'azure' && r.v1 && options.azure?.v1 === false)) {
      return sendJson(res, 404, url.pathname.startsWith('/openai') ? AZURE_NOT_FOUND : invalidRequest(`Invalid URL (${req.method} ${url.pathname})`).body);
    }
    const refused = checkAuth(r.family, req.headers);
    if (refused) return sendJson(res, refused.status, refused.body, refused.headers);
    if (r.family === 'azure' && !r.v1) {
      const wanted = options.azure?.apiVersion;
      const got = url.searchParams.get('api-version');
      if (!got || (wanted && got !== wanted)) return sendJson(res, 404, AZURE_NOT_FOUND);
    }
    if (r.family === 'azure' && r.v1 && r.api === 'responses' && options.azure?.responsesApi === false) {
      return sendJson(res, 404, { error: { code: 'NotFound', message: 'Azure OpenAI Responses API is not enabled in this region. Please check https://aka.ms/aoai/responsesapi/availability' } });
    }
    if (r.api === 'models') {
      if (options.modelsDelayMs) await sleep(options.modelsDelayMs);
      const ids = options.models ?? ['gpt-4.1', 'gpt-5', 'o4-mini'];
      return sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: r.family === 'azure' ? 'system' : 'openai' })) });
    }
    const headers = { ...req.headers };
    let received: ReceivedRequest;
    try {
      const body = await readBody(req);
      const model = r.deployment ?? String(body.model ?? '');
      const deployments = options.azure?.deployments;
      if (r.family === 'azure' && deployments && !deployments.includes(model)) {
        return sendJson(res, 404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.' } });
      }
      if (r.family === 'azure' && r.api === 'chat' && options.azure?.responsesOnly?.includes(model)) {
        return sendJson(res, 400, { error: { code: 'OperationNotSupported', message: `The chatCompletion operation does not work with the specified model, ${model}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.` } });
      }
      // reasoning.effort outside what the model takes: the real 400 (model-rules.ts).
      const served = r.family === 'azure' ? (options.azure?.deploymentModels?.[model] ?? model) : model;
      const effort = r.api === 'responses' ? (body.reasoning as Json | undefined)?.effort : body.reasoning_effort;
      const refusal = effortRefusal(served, effort, false);
      if (refusal) throw invalidRequest(refusal.message.replace(`'${served}' model`, `'${model}' model`), r.api === 'responses' ? 'reasoning.effort' : 'reasoning_effort', refusal.type);
      received = r.api === 'responses' ? readResponsesRequest(body, path, headers) : readChatRequest(body, path, headers, model);
    } catch (e) {
      if (e instanceof WireRejection) return sendJson(res, e.status, e.body);
      throw e;
    }
    requests.push(received);
    const entry = queue.shift();
    if (!entry) return sendJson(res, 500, { error: { message: `The loopback server's script ran out at request ${requests.length} (${path}).`, type: 'server_error', param: null, code: null } });
    const raw = received.raw as Json;
    const render = (script: ScriptedResponse) =>
      r.api === 'responses'
        ? responsesEvents(script, { model: received.model, includeEncrypted: ((raw.include ?? []) as string[]).includes('reasoning.encrypted_content') })
        : chatChunks(script, { model: received.model, includeUsage: (raw.stream_options as Json | undefined)?.include_usage === true, azure: r.family === 'azure' });
    if (isFault(entry)) {
      if (entry.fault === 'midStreamError' || entry.fault === 'drop' || entry.fault === 'truncate') return writeStream(req, res, r.api, render(FILLER), FILLER, entry);
      const f = faultResponse(entry, r.family, r.api, received.model, /^Bearer /i.test(String(req.headers.authorization ?? '')));
      return sendJson(res, f.status, f.body, f.headers);
    }
    try {
      entry.expect?.(received);
    } catch (e) {
      return sendJson(res, 400, invalidRequest(e instanceof Error ? e.message : String(e)).body);
    }
    return writeStream(req, res, r.api, render(entry), entry);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `loopback server bug: ${String(e)}`, type: 'server_error' } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    script: (entries) => void queue.push(...entries),
    requests,
    log,
    remaining: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
