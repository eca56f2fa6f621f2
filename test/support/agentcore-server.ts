// A loopback Amazon Bedrock AgentCore for tests, driven by the real @aws-sdk/client-bedrock-agentcore and
// -control clients with an endpoint override (AWS_ENDPOINT_URL_BEDROCK_AGENTCORE, …_CONTROL). Two
// listeners on 127.0.0.1, as AWS has two endpoints, both REST-JSON, every request SigV4-checked with the
// known secret (service bedrock-agentcore) like bedrock-server.ts does:
// - control plane: PUT /runtimes/ (CreateAgentRuntime), PUT /runtimes/{id}/ (Update), GET /runtimes/{id}/
//   (Get), POST /runtimes/ (List, maxResults/nextToken in the query). Names, role ARNs and container URIs
//   are validated by the documented patterns; a runtime is CREATING/UPDATING, then READY.
// - data plane: POST /runtimes/{arn}/invocations (InvokeAgentRuntime) forwards the payload to the
//   session's container — POST {container}/invocations with X-Amzn-Bedrock-AgentCore-Runtime-Session-Id,
//   -Request-Id and -User-Id — and streams its answer back; a container's non-2xx answer becomes the
//   RuntimeClientError (424) callers get from AgentCore. POST /runtimes/{arn}/stopruntimesession
//   (StopRuntimeSession) ends the session through the test's hook.
// The test says where a runtime's sessions run (`container`): a `crosswind serve` process.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { checkAuth, type ServerCredentials } from './bedrock-auth-check';
import type { WireError } from './bedrock-wire';

export interface RuntimeRecord {
  agentRuntimeId: string;
  agentRuntimeArn: string;
  agentRuntimeName: string;
  agentRuntimeVersion: string;
  roleArn: string;
  containerUri: string;
  networkMode: string;
  description?: string;
  environmentVariables?: Record<string, string>;
  lifecycleConfiguration?: { idleRuntimeSessionTimeout?: number; maxLifetime?: number };
  status: 'CREATING' | 'UPDATING' | 'READY';
  createdAt: number;
  lastUpdatedAt: number;
}

export interface AgentCoreCall {
  plane: 'control' | 'data';
  method: string;
  path: string;
  auth: 'sigv4' | 'rejected';
  status: number;
  sessionId?: string;
  userId?: string;
}

export interface AgentCoreServerOptions {
  credentials: ServerCredentials;
  region: string;
  account?: string;
  /** Where a runtime's session runs: the base URL of its container (a `crosswind serve`), or undefined if none. */
  container(runtime: RuntimeRecord, sessionId: string): Promise<string | undefined> | string | undefined;
  /** StopRuntimeSession: the test ends the session's container. */
  stopSession?(runtime: RuntimeRecord, sessionId: string): Promise<void> | void;
  /** How long a created/updated runtime stays CREATING/UPDATING. */
  settleMs?: number;
}

export interface AgentCoreServer {
  controlUrl: string;
  dataUrl: string;
  runtimes: RuntimeRecord[];
  calls: AgentCoreCall[];
  /** Sessions StopRuntimeSession ended. */
  stopped: string[];
  close(): Promise<void>;
}

// Patterns of the CreateAgentRuntime inputs (AWS::BedrockAgentCore::Runtime in the CloudFormation reference).
const NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const CONTAINER_URI = /^\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)([:@]\S+)$/;
/** InvokeAgentRuntime's payload limit. */
const MAX_PAYLOAD = 100 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...headers });
  res.end(text);
  return status;
}

function fail(res: http.ServerResponse, e: WireError): number {
  return send(res, e.status, { message: e.message }, { 'x-amzn-errortype': e.type, ...e.headers });
}

// The control plane's timestamps are @timestampFormat("date-time") (schema type 5 in the SDK): RFC 3339 strings.
const dateTime = (ms: number) => new Date(ms).toISOString();

export async function startAgentCoreServer(options: AgentCoreServerOptions): Promise<AgentCoreServer> {
  const account = options.account ?? '123456789012';
  const runtimes: RuntimeRecord[] = [];
  const calls: AgentCoreCall[] = [];
  const stopped: string[] = [];
  const settle = options.settleMs ?? 300;

  const statusOf = (r: RuntimeRecord): RuntimeRecord['status'] => (r.status !== 'READY' && Date.now() - r.lastUpdatedAt >= settle ? (r.status = 'READY') : r.status);

  async function authenticate(req: http.IncomingMessage, body: Buffer, url: URL, rawPath: string): Promise<WireError | undefined> {
    const auth = await checkAuth({ method: req.method ?? 'GET', path: rawPath, query: url.searchParams, headers: req.headers, body }, { credentials: options.credentials, region: options.region });
    if (!auth.ok) return auth.error;
    if (auth.scheme !== 'sigv4' || auth.service !== 'bedrock-agentcore') return { status: 403, type: 'InvalidSignatureException', message: 'Credential should be scoped to correct service: bedrock-agentcore.' };
    return undefined;
  }

  function validateRuntimeInput(input: Record<string, unknown>, creating: boolean): WireError | undefined {
    const bad = (message: string): WireError => ({ status: 400, type: 'ValidationException', message });
    if (creating && (typeof input.agentRuntimeName !== 'string' || !NAME.test(input.agentRuntimeName))) return bad(`1 validation error detected: Value at 'agentRuntimeName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME.source}`);
    if (typeof input.roleArn !== 'string' || !ROLE_ARN.test(input.roleArn)) return bad("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const uri = (input.agentRuntimeArtifact as { containerConfiguration?: { containerUri?: string } } | undefined)?.containerConfiguration?.containerUri;
    if (typeof uri !== 'string' || !CONTAINER_URI.test(uri)) return bad("1 validation error detected: Value at 'agentRuntimeArtifact.containerConfiguration.containerUri' failed to satisfy constraint");
    const mode = (input.networkConfiguration as { networkMode?: string } | undefined)?.networkMode;
    if (mode !== 'PUBLIC' && mode !== 'VPC') return bad("Value at 'networkConfiguration.networkMode' must be PUBLIC or VPC");
    for (const key of Object.keys((input.environmentVariables as Record<string, string>) ?? {})) if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) return bad(`invalid environment variable name ${key}`);
    return undefined;
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<number> {
    const method = req.method ?? 'GET';
    const one = /^\/runtimes\/([^/]+)\/$/.exec(url.pathname);
    const input = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
    if (url.pathname === '/runtimes/' && method === 'PUT') {
      const invalid = validateRuntimeInput(input, true);
      if (invalid) return fail(res, invalid);
      if (runtimes.some((r) => r.agentRuntimeName === input.agentRuntimeName)) return fail(res, { status: 409, type: 'ConflictException', message: `An agent runtime named ${String(input.agentRuntimeName)} already exists` });
      const id = `${String(input.agentRuntimeName)}-${randomUUID().slice(0, 10)}`;
      const now = Date.now();
      const r: RuntimeRecord = {
        agentRuntimeId: id,
        agentRuntimeArn: `arn:aws:bedrock-agentcore:${options.region}:${account}:runtime/${id}`,
        agentRuntimeName: String(input.agentRuntimeName),
        agentRuntimeVersion: '1',
        roleArn: String(input.roleArn),
        containerUri: (input.agentRuntimeArtifact as { containerConfiguration: { containerUri: string } }).containerConfiguration.containerUri,
        networkMode: (input.networkConfiguration as { networkMode: string }).networkMode,
        ...(input.description ? { description: String(input.description) } : {}),
        ...(input.environmentVariables ? { environmentVariables: input.environmentVariables as Record<string, string> } : {}),
        ...(input.lifecycleConfiguration ? { lifecycleConfiguration: input.lifecycleConfiguration as RuntimeRecord['lifecycleConfiguration'] } : {}),
        status: 'CREATING',
        createdAt: now,
        lastUpdatedAt: now,
      };
      runtimes.push(r);
      return send(res, 202, { agentRuntimeArn: r.agentRuntimeArn, agentRuntimeId: id, agentRuntimeVersion: '1', createdAt: dateTime(now), status: r.status });
    }
    if (url.pathname === '/runtimes/' && method === 'POST') {
      const start = Number(url.searchParams.get('nextToken') ?? 0);
      const size = Number(url.searchParams.get('maxResults') ?? 100);
      const page = runtimes.slice(start, start + size);
      const next = start + size < runtimes.length ? String(start + size) : undefined;
      return send(res, 200, {
        agentRuntimes: page.map((r) => ({ agentRuntimeArn: r.agentRuntimeArn, agentRuntimeId: r.agentRuntimeId, agentRuntimeVersion: r.agentRuntimeVersion, agentRuntimeName: r.agentRuntimeName, description: r.description ?? '', lastUpdatedAt: dateTime(r.lastUpdatedAt), status: statusOf(r) })),
        ...(next ? { nextToken: next } : {}),
      });
    }
    if (one) {
      const r = runtimes.find((x) => x.agentRuntimeId === decodeURIComponent(one[1]!));
      if (!r) return fail(res, { status: 404, type: 'ResourceNotFoundException', message: `Agent runtime ${one[1]} not found` });
      if (method === 'GET') {
        return send(res, 200, {
          agentRuntimeArn: r.agentRuntimeArn,
          agentRuntimeName: r.agentRuntimeName,
          agentRuntimeId: r.agentRuntimeId,
          agentRuntimeVersion: r.agentRuntimeVersion,
          createdAt: dateTime(r.createdAt),
          lastUpdatedAt: dateTime(r.lastUpdatedAt),
          roleArn: r.roleArn,
          status: statusOf(r),
          networkConfiguration: { networkMode: r.networkMode },
          agentRuntimeArtifact: { containerConfiguration: { containerUri: r.containerUri } },
          ...(r.environmentVariables ? { environmentVariables: r.environmentVariables } : {}),
          ...(r.lifecycleConfiguration ? { lifecycleConfiguration: r.lifecycleConfiguration } : {}),
        });
      }
      if (method === 'PUT') {
        const invalid = validateRuntimeInput(input, false);
        if (invalid) return fail(res, invalid);
        if (statusOf(r) !== 'READY') return fail(res, { status: 409, type: 'ConflictException', message: `Agent runtime ${r.agentRuntimeId} is ${r.status}; wait for READY` });
        r.roleArn = String(input.roleArn);
        r.containerUri = (input.agentRuntimeArtifact as { containerConfiguration: { containerUri: string } }).containerConfiguration.containerUri;
        r.agentRuntimeVersion = String(Number(r.agentRuntimeVersion) + 1);
        if (input.environmentVariables) r.environmentVariables = input.environmentVariables as Record<string, string>;
        r.status = 'UPDATING';
        r.lastUpdatedAt = Date.now();
        return send(res, 202, { agentRuntimeArn: r.agentRuntimeArn, agentRuntimeId: r.agentRuntimeId, agentRuntimeVersion: r.agentRuntimeVersion, createdAt: dateTime(r.createdAt), lastUpdatedAt: dateTime(r.lastUpdatedAt), status: r.status });
      }
    }
    return fail(res, { status: 404, type: 'UnknownOperationException', message: `${method} ${url.pathname}` });
  }

  async function data(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string, body: Buffer, call: AgentCoreCall): Promise<number> {
    const m = /^\/runtimes\/([^/]+)\/(invocations|stopruntimesession)$/.exec(rawPath);
    if (!m || req.method !== 'POST') return fail(res, { status: 404, type: 'UnknownOperationException', message: `${req.method} ${rawPath}` });
    const arn = decodeURIComponent(m[1]!);
    const runtime = runtimes.find((r) => r.agentRuntimeArn === arn);
    if (!runtime) return fail(res, { status: 404, type: 'ResourceNotFoundException', message: `No agent runtime ${arn}` });
    const sessionId = req.headers['x-amzn-bedrock-agentcore-runtime-session-id'];
    if (typeof sessionId !== 'string' || sessionId.length < 33 || sessionId.length > 256) {
      return fail(res, { status: 400, type: 'ValidationException', message: "Value at 'runtimeSessionId' failed to satisfy constraint: Member must have length between 33 and 256" });
    }
    call.sessionId = sessionId;
    if (m[2] === 'stopruntimesession') {
      await options.stopSession?.(runtime, sessionId);
      stopped.push(sessionId);
      return send(res, 200, {}, { 'x-amzn-bedrock-agentcore-runtime-session-id': sessionId });
    }
    if (statusOf(runtime) !== 'READY') return fail(res, { status: 409, type: 'ConflictException', message: `Agent runtime is ${runtime.status}` });
    if (body.length > MAX_PAYLOAD) return fail(res, { status: 400, type: 'ValidationException', message: 'payload must be at most 100 MB' });
    const container = await options.container(runtime, sessionId);
    const runtimeError = (message: string) => fail(res, { status: 424, type: 'RuntimeClientError', message });
    if (!container) return runtimeError('Runtime initialization time exceeded. Please make sure that initialization completes in 120s.');
    const userId = req.headers['x-amzn-bedrock-agentcore-runtime-user-id'];
    if (typeof userId === 'string') call.userId = userId;
    let answer: Response;
    try {
      answer = await fetch(`${container}/invocations`, {
        method: 'POST',
        headers: {
          'content-type': String(req.headers['content-type'] ?? 'application/json'),
          'x-amzn-bedrock-agentcore-runtime-session-id': sessionId,
          'x-amzn-bedrock-agentcore-runtime-request-id': randomUUID(),
          ...(typeof userId === 'string' ? { 'x-amzn-bedrock-agentcore-runtime-user-id': userId } : {}),
        },
        body: new Uint8Array(body),
        signal: AbortSignal.timeout(15 * 60_000),
      });
    } catch {
      return runtimeError('Runtime initialization time exceeded. Please make sure that initialization completes in 120s.');
    }
    if (!answer.ok) {
      await answer.arrayBuffer().catch(() => undefined);
      return runtimeError(`Received error (${answer.status}) from runtime. Please check your CloudWatch logs for more information.`);
    }
    res.writeHead(200, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
      'x-amzn-bedrock-agentcore-runtime-session-id': sessionId,
      'x-amzn-requestid': randomUUID(),
    });
    // Streamed through as it arrives, as InvokeAgentRuntime's response is a stream.
    for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    res.end();
    return 200;
  }

  const handler = (plane: 'control' | 'data') => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const call: AgentCoreCall = { plane, method: req.method ?? 'GET', path: rawPath, auth: 'rejected', status: 0 };
    calls.push(call);
    void (async () => {
      const body = await readBody(req);
      const denied = await authenticate(req, body, url, rawPath);
      if (denied) {
        call.status = fail(res, denied);
        return;
      }
      call.auth = 'sigv4';
      call.status = plane === 'control' ? await control(req, res, url, body) : await data(req, res, rawPath, body, call);
    })().catch((e: unknown) => {
      if (!res.headersSent) call.status = fail(res, { status: 500, type: 'InternalServerException', message: e instanceof Error ? e.message : String(e) });
      else res.destroy();
    });
  };

  const listen = async (h: http.RequestListener) => {
    const server = http.createServer(h);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
  };
  const c = await listen(handler('control'));
  const d = await listen(handler('data'));
  return {
    controlUrl: c.url,
    dataUrl: d.url,
    runtimes,
    calls,
    stopped,
    close: async () => {
      for (const s of [c.server, d.server]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}
