// A loopback Amazon Bedrock for tests, driven through the real AWS SDK clients with an endpoint override.
//
//   const server = await startBedrockServer({ credentials: { accessKeyId, secretAccessKey }, region: 'us-east-1' });
//   server.script([{ steps: [{ type: 'text', text: 'hello' }] }, { fault: 'throttle', retryAfterSeconds: 2 }]);
//   … point the client at server.url (profile.endpoint, AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL_STS) …
//   server.requests[0].messages; await server.close();
//
// It speaks, on 127.0.0.1 only, over HTTP/1.1 and HTTP/2 (h2c, which the SDK's default bedrock-runtime
// handler uses):
// - POST /model/{id}/converse-stream: application/vnd.amazon.eventstream frames, in-stream exceptions;
// - POST /model/{id}/converse: the JSON response;
// - GET /foundation-models, GET /inference-profiles: the control plane (ListFoundationModels, ListInferenceProfiles);
// - POST / Action=GetCallerIdentity: STS (XML);
// - GET /federation/credentials: the IAM Identity Center portal (GetRoleCredentials), when ssoAccessToken is set;
// - GET /container-credentials: an ECS/EKS container credentials endpoint, when containerCredentials is set.
// Every request is authenticated like AWS does it (SigV4 recomputed with the known secret, or a bearer
// API key); model requests are validated like Converse validates them (bedrock-converse-check.ts) and
// answered from the script queue (scripted-model.ts), faults in Bedrock's own error shapes.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { Duplex } from 'node:stream';
import { checkAuth, type ServerCredentials } from './bedrock-auth-check';
import { type ConverseBody, receivedRequest, validateConverse } from './bedrock-converse-check';
import {
  type BedrockStreamEvent,
  encodeEvent,
  faultError,
  MID_STREAM_EXCEPTION,
  type RawBedrockResponse,
  restJsonError,
  scriptedConverseBody,
  scriptedStreamEvents,
  stsXmlError,
  type WireError,
} from './bedrock-wire';
import { converseNoVision, takesImages } from './image-rules';
import { converseRefusal } from './model-rules';
import { type ReceivedRequest, type ScriptEntry, isFault } from './scripted-model';
import { DEFAULT_FOUNDATION_MODELS, defaultInferenceProfiles, type FoundationModelJson, type InferenceProfileJson } from './bedrock-catalog';

export type { RawBedrockResponse, BedrockStreamEvent } from './bedrock-wire';
export { reasoningSignature } from './bedrock-wire';

export type BedrockScriptEntry = ScriptEntry | RawBedrockResponse;

export interface BedrockServerOptions {
  credentials: ServerCredentials;
  /** The Bedrock API key the server accepts as `Authorization: Bearer …`. */
  bearerToken?: string;
  region: string;
  foundationModels?: FoundationModelJson[];
  inferenceProfiles?: InferenceProfileJson[];
  /** What STS GetCallerIdentity answers. */
  identity?: { arn: string; account: string; userId?: string };
  /** IAM Identity Center: the portal accepts this access token and hands out `credentials`. */
  ssoAccessToken?: string;
  /** Serve temporary `credentials` at /container-credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI). */
  containerCredentials?: boolean;
}

export interface ServerCall {
  method: string;
  path: string;
  httpVersion: string;
  auth: 'sigv4' | 'bearer' | 'none' | 'rejected';
  status: number;
  /** The client went away before the response ended (cancellation, a reader that stopped). */
  clientClosed?: boolean;
}

export interface BedrockServer {
  url: string;
  /** Appends entries to the queue; each model request takes the next one. */
  script(entries: BedrockScriptEntry[]): void;
  /** Model requests (Converse/ConverseStream) that passed authentication, valid or not. */
  requests: ReceivedRequest[];
  /** Every HTTP request, control plane and STS included. */
  calls: ServerCall[];
  /** Script entries not played yet. */
  pending(): number;
  /** The identifiers GetInferenceProfile was asked about, in order. */
  inferenceProfileLookups: string[];
  close(): Promise<void>;
}

type Req = http.IncomingMessage | http2.Http2ServerRequest;
type Res = http.ServerResponse | http2.Http2ServerResponse;

/** write() of either response kind (their overloads do not unify). */
function writeChunk(res: Res, chunk: Uint8Array): void {
  (res as { write(chunk: Uint8Array): boolean }).write(chunk);
}

/** The session token of credentials the server hands out itself (SSO portal, container endpoint). */
const ISSUED_SESSION_TOKEN = 'loopback-issued-session-token';

function isRaw(entry: BedrockScriptEntry): entry is RawBedrockResponse {
  return 'events' in entry;
}

function readBody(req: Req): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Cuts the connection the way a network failure would: the socket (HTTP/1.1) or the session (HTTP/2). */
function dropConnection(req: Req): void {
  if ('stream' in req && req.stream) req.stream.session?.destroy();
  else req.socket.destroy();
}

export async function startBedrockServer(options: BedrockServerOptions): Promise<BedrockServer> {
  const queue: BedrockScriptEntry[] = [];
  const requests: ReceivedRequest[] = [];
  const calls: ServerCall[] = [];
  const inferenceProfileLookups: string[] = [];
  const sockets = new Set<net.Socket>();
  let closed = false;
  let callCounter = 0;
  const nextCallId = () => `tooluse_${++callCounter}`;
  const account = options.identity?.account ?? '123456789012';
  const models = options.foundationModels ?? DEFAULT_FOUNDATION_MODELS(options.region);
  const profiles = options.inferenceProfiles ?? defaultInferenceProfiles(options.region, account);
  const sessionTokens = new Set(options.ssoAccessToken || options.containerCredentials ? [ISSUED_SESSION_TOKEN] : []);

  // Unref'd: a slow scripted stream never keeps the test process alive.
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

  function send(res: Res, status: number, headers: Record<string, string>, body: string): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, headers);
    res.end(body);
  }

  async function streamEvents(req: Req, res: Res, events: BedrockStreamEvent[], delayMs: number, cut?: { at: number; how: 'drop' | 'truncate' | 'exception' }): Promise<void> {
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID() });
    for (let i = 0; i <= events.length; i++) {
      if (closed || res.destroyed) return;
      if (cut && i === cut.at) {
        if (cut.how === 'drop') {
          // Let the events already written reach the client first, as they would before a real cut.
          await sleep(25);
          return dropConnection(req);
        }
        if (cut.how === 'exception') writeChunk(res, encodeEvent(MID_STREAM_EXCEPTION, i));
        res.end();
        return;
      }
      if (i === events.length) break;
      if (delayMs > 0) await sleep(delayMs);
      if (closed || res.destroyed) return;
      writeChunk(res, encodeEvent(events[i]!, i));
    }
    res.end();
  }

  async function handleModel(req: Req, res: Res, model: string, streaming: boolean, body: Buffer, path: string): Promise<number> {
    let parsed: ConverseBody;
    try {
      parsed = JSON.parse(body.toString('utf8')) as ConverseBody;
    } catch {
      return reply(res, restJsonError({ status: 400, type: 'SerializationException', message: 'Malformed request body.' }, randomUUID()));
    }
    const received = receivedRequest(path, model, parsed, req.headers as ReceivedRequest['headers']);
    requests.push(received);
    const invalid = validateConverse(parsed);
    if (invalid) return reply(res, restJsonError({ status: 400, type: 'ValidationException', message: invalid }, randomUUID()));
    // An application inference profile is invoked by its ARN; what it may take is its model's (model-rules.ts).
    const profile = profiles.find((p) => p.type === 'APPLICATION' && (p.inferenceProfileArn === model || p.inferenceProfileId === model));
    if (model.includes(':application-inference-profile/') && !profile) {
      return reply(res, restJsonError({ status: 400, type: 'ValidationException', message: 'The provided model identifier is invalid.' }, randomUUID()));
    }
    const underlying = profile ? profile.models[0]!.modelArn : model;
    const refused = converseRefusal(underlying, (parsed as { additionalModelRequestFields?: Record<string, unknown> }).additionalModelRequestFields);
    if (refused) return reply(res, restJsonError({ status: refused.status, type: refused.type, message: refused.message }, randomUUID()));
    const sendsImages = (parsed.messages ?? []).some((m) => (m.content ?? []).some((b) => b.image !== undefined));
    const bareModel = decodeURIComponent(underlying);
    if (sendsImages && !takesImages(bareModel)) return reply(res, restJsonError({ status: 400, type: 'ValidationException', message: converseNoVision(bareModel) }, randomUUID()));
    const entry = queue.shift();
    if (!entry) return reply(res, restJsonError({ status: 500, type: 'InternalServerException', message: 'The loopback Bedrock script ran out: the test made more model requests than it scripted.' }, randomUUID()));
    if (!isRaw(entry) && !isFault(entry) && entry.expect) {
      try {
        entry.expect(received);
      } catch (e) {
        return reply(res, restJsonError({ status: 400, type: 'ValidationException', message: e instanceof Error ? e.message : String(e) }, randomUUID()));
      }
    }
    if (isRaw(entry)) {
      if (!streaming) return reply(res, restJsonError({ status: 500, type: 'InternalServerException', message: 'A raw event script needs converse-stream.' }, randomUUID()));
      await streamEvents(req, res, entry.events, entry.delayMs ?? 0);
      return 200;
    }
    if (isFault(entry)) {
      const error = faultError(entry);
      if (error) return reply(res, restJsonError(error, randomUUID()));
      const afterEvents = 'afterEvents' in entry ? entry.afterEvents : 0;
      if (entry.fault === 'drop' && afterEvents === 0) {
        dropConnection(req);
        return 0;
      }
      if (!streaming) {
        // Converse has no events to cut between: a broken connection is the one way it fails mid-answer.
        if (entry.fault === 'midStreamError') return reply(res, restJsonError({ status: 500, type: 'InternalServerException', message: 'The model failed while generating the response.' }, randomUUID()));
        dropConnection(req);
        return 0;
      }
      const events = scriptedStreamEvents({ steps: [{ type: 'text', text: 'partial answer that never finishes', chunks: 8 }] }, nextCallId);
      const how = entry.fault === 'drop' ? 'drop' : entry.fault === 'truncate' ? 'truncate' : 'exception';
      await streamEvents(req, res, events, 0, { at: Math.min(afterEvents, events.length - 2), how });
      return 200;
    }
    if (!streaming) {
      if (entry.delayMs) await sleep(entry.delayMs);
      return reply(res, { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(scriptedConverseBody(entry, nextCallId)) });
    }
    await streamEvents(req, res, scriptedStreamEvents(entry, nextCallId), entry.delayMs ?? 0);
    return 200;
  }

  function reply(res: Res, r: { status: number; headers: Record<string, string>; body: string }): number {
    send(res, r.status, r.headers, r.body);
    return r.status;
  }

  function handleControl(res: Res, route: string, query: URLSearchParams): number {
    const one = /^\/inference-profiles\/(.+)$/.exec(route);
    if (one) {
      // GetInferenceProfile (GET /inference-profiles/{inferenceProfileIdentifier}, an id or ARN): AWS Bedrock API
      // reference; models[].modelArn names what the profile invokes. Not-found wording not found: generic.
      const wanted = decodeURIComponent(one[1]!);
      const p = profiles.find((x) => x.inferenceProfileArn === wanted || x.inferenceProfileId === wanted);
      if (!p) return reply(res, restJsonError({ status: 404, type: 'ResourceNotFoundException', message: `Inference profile ${wanted} not found.` }, randomUUID()));
      inferenceProfileLookups.push(wanted);
      const now = new Date('2026-09-01T00:00:00Z').toISOString();
      return reply(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...p, createdAt: now, updatedAt: now }) });
    }
    if (route === '/foundation-models') {
      const modality = query.get('byOutputModality');
      const provider = query.get('byProvider')?.toLowerCase();
      const summaries = models.filter((m) => (!modality || m.outputModalities.includes(modality)) && (!provider || m.providerName.toLowerCase() === provider));
      return reply(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ modelSummaries: summaries }) });
    }
    const type = query.get('type');
    const all = profiles.filter((p) => !type || p.type === type);
    const start = Number(query.get('nextToken') ?? 0);
    const size = Number(query.get('maxResults') ?? 1000);
    const page = all.slice(start, start + size);
    const nextToken = start + size < all.length ? String(start + size) : undefined;
    return reply(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inferenceProfileSummaries: page, ...(nextToken ? { nextToken } : {}) }) });
  }

  function handleSts(res: Res, body: Buffer): number {
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('Action') !== 'GetCallerIdentity') {
      return reply(res, stsXmlError({ status: 400, type: 'InvalidAction', message: `Could not find operation ${form.get('Action')}` }, randomUUID()));
    }
    const id = options.identity ?? { arn: `arn:aws:iam::${account}:user/test-user`, account };
    const xml = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${id.arn}</Arn><UserId>${id.userId ?? 'AIDATESTUSER'}</UserId><Account>${id.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    return reply(res, { status: 200, headers: { 'content-type': 'text/xml' }, body: xml });
  }

  function handleSso(req: Req, res: Res): number {
    const token = req.headers['x-amz-sso_bearer_token'];
    if (!options.ssoAccessToken || token !== options.ssoAccessToken) {
      return reply(res, restJsonError({ status: 401, type: 'UnauthorizedException', message: 'Session token not found or invalid' }, randomUUID()));
    }
    const c = options.credentials;
    const roleCredentials = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: ISSUED_SESSION_TOKEN, expiration: Date.now() + 3600_000 };
    return reply(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roleCredentials }) });
  }

  async function handle(req: Req, res: Res): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const call: ServerCall = { method: req.method ?? 'GET', path: rawPath, httpVersion: req.httpVersion, auth: 'none', status: 0 };
    calls.push(call);
    res.on('close', () => {
      if (!res.writableEnded) call.clientClosed = true;
    });
    const body = await readBody(req);
    const model = /^\/model\/([^/]+)\/(converse-stream|converse)$/.exec(rawPath);
    const service = rawPath === '/' && req.method === 'POST' ? 'sts' : 'bedrock';

    if (rawPath === '/federation/credentials') {
      call.status = handleSso(req, res);
      return;
    }
    if (rawPath === '/container-credentials' && options.containerCredentials) {
      const c = options.credentials;
      const body = { AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, Token: ISSUED_SESSION_TOKEN, Expiration: new Date(Date.now() + 3600_000).toISOString() };
      call.status = reply(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return;
    }
    const auth = await checkAuth(
      { method: req.method ?? 'GET', path: rawPath, query: url.searchParams, headers: req.headers, body },
      { credentials: options.credentials, extraSessionTokens: sessionTokens, ...(options.bearerToken ? { bearerToken: options.bearerToken } : {}), region: options.region },
    );
    const fail = (error: WireError) => {
      call.auth = 'rejected';
      call.status = reply(res, service === 'sts' ? stsXmlError(stsShape(error), randomUUID()) : restJsonError(error, randomUUID()));
    };
    if (!auth.ok) return fail(auth.error);
    if (auth.scheme === 'sigv4' && auth.service !== service) {
      return fail({ status: 403, type: 'InvalidSignatureException', message: `Credential should be scoped to correct service: '${service}'.` });
    }
    if (auth.scheme === 'bearer' && service === 'sts') return fail({ status: 403, type: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
    call.auth = auth.scheme;

    if (model) call.status = await handleModel(req, res, decodeURIComponent(model[1]!), model[2] === 'converse-stream', body, rawPath);
    else if (req.method === 'GET' && (rawPath === '/foundation-models' || rawPath.startsWith('/inference-profiles'))) call.status = handleControl(res, rawPath, url.searchParams);
    else if (service === 'sts') call.status = handleSts(res, body);
    else call.status = reply(res, restJsonError({ status: 404, type: 'UnknownOperationException', message: `No operation at ${req.method} ${rawPath}` }, randomUUID()));
  }

  const onRequest = (req: Req, res: Res) => {
    handle(req, res).catch((e: unknown) => {
      if (process.env.BEDROCK_SERVER_DEBUG) console.error(e);
      if (!res.headersSent && !res.destroyed) send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ message: String(e) }));
    });
  };
  const h1 = http.createServer(onRequest);
  const h2 = http2.createServer(onRequest);
  const listener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (first) => routeConnection(socket, first, h1, h2));
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    script: (entries) => void queue.push(...entries),
    requests,
    calls,
    pending: () => queue.length,
    inferenceProfileLookups,
    close: async () => {
      closed = true;
      for (const s of sockets) s.destroy();
      h1.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => listener.close(() => resolve())),
        new Promise<void>((resolve) => h2.close(() => resolve())),
      ]);
    },
  };
}

/** STS names its auth errors differently from Bedrock. */
function stsShape(e: WireError): WireError {
  const type = e.type === 'UnrecognizedClientException' ? 'InvalidClientTokenId' : e.type === 'InvalidSignatureException' ? 'SignatureDoesNotMatch' : e.type;
  return { ...e, type };
}

/**
 * Hands a new connection to the HTTP/1.1 or the HTTP/2 server by its first bytes (the h2c preface).
 * Node's HTTP/2 session reads from the socket handle itself, so bytes already read are replayed
 * through a Duplex in front of the socket.
 */
function routeConnection(socket: net.Socket, first: Buffer, h1: http.Server, h2: http2.Http2Server): void {
  socket.pause();
  if (!first.toString('latin1').startsWith('PRI * HTTP/2.0')) {
    socket.unshift(first);
    h1.emit('connection', socket);
    socket.resume();
    return;
  }
  const front = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _encoding, callback) => void socket.write(chunk, callback),
    final: (callback) => {
      socket.end();
      callback();
    },
    destroy: (error, callback) => {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (!front.push(chunk)) socket.pause();
  });
  socket.on('end', () => front.push(null));
  socket.on('close', () => front.destroy());
  front.push(first);
  h2.emit('connection', front);
}
