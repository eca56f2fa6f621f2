// How the loopback Bedrock server authenticates a request the way AWS does: it recomputes the SigV4
// signature with the secret it knows (@smithy/signature-v4) and compares, so a wrong secret fails like
// the real service; or it compares a Bedrock API key sent as a bearer token.
import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { WireError } from './bedrock-wire';

export interface ServerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface IncomingAwsRequest {
  method: string;
  /** The path exactly as received (still percent-encoded), without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type AuthResult =
  | { ok: true; scheme: 'sigv4'; service: string; region: string; accessKeyId: string }
  | { ok: true; scheme: 'bearer' }
  | { ok: false; error: WireError };

export interface AuthExpectations {
  credentials: ServerCredentials;
  /** Session tokens accepted besides credentials.sessionToken (e.g. issued by the SSO endpoint). */
  extraSessionTokens?: ReadonlySet<string>;
  bearerToken?: string;
  region: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
/** The real services reject signatures more than 15 minutes off. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const invalidToken: WireError = { status: 403, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };

function header(headers: IncomingAwsRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

async function verifySigV4(req: IncomingAwsRequest, authorization: string, expect: AuthExpectations): Promise<AuthResult> {
  const m = AUTH.exec(authorization);
  if (!m) return { ok: false, error: { status: 403, type: 'IncompleteSignatureException', message: 'Authorization header requires Credential, SignedHeaders and Signature.' } };
  const [, accessKeyId, , region, service, signedHeaderList, signature] = m as unknown as [string, string, string, string, string, string, string];
  if (accessKeyId !== expect.credentials.accessKeyId) return { ok: false, error: invalidToken };
  const token = header(req.headers, 'x-amz-security-token');
  const tokenOk = token === undefined ? !expect.credentials.sessionToken : token === expect.credentials.sessionToken || Boolean(expect.extraSessionTokens?.has(token));
  if (!tokenOk) return { ok: false, error: invalidToken };
  if (region !== expect.region) {
    return { ok: false, error: { status: 403, type: 'InvalidSignatureException', message: `Credential should be scoped to a valid region, not '${region}'.` } };
  }
  const date = parseAmzDate(header(req.headers, 'x-amz-date') ?? '');
  if (!date || Math.abs(date.getTime() - Date.now()) > MAX_SKEW_MS) {
    return { ok: false, error: { status: 403, type: 'InvalidSignatureException', message: 'Signature expired: the request time is too far from the server time.' } };
  }
  const declaredHash = header(req.headers, 'x-amz-content-sha256');
  if (declaredHash && declaredHash !== createHash('sha256').update(req.body).digest('hex')) {
    return { ok: false, error: { status: 400, type: 'XAmzContentSHA256Mismatch', message: 'The provided x-amz-content-sha256 header does not match what was computed.' } };
  }

  const signedNames = signedHeaderList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    // HTTP/2 carries the host in the :authority pseudo-header.
    const value = name === 'host' ? (header(req.headers, 'host') ?? header(req.headers, ':authority')) : header(req.headers, name);
    if (value === undefined) return { ok: false, error: { status: 403, type: 'InvalidSignatureException', message: `Signed header ${name} is missing.` } };
    headers[name] = value;
  }
  const authority = header(req.headers, 'host') ?? header(req.headers, ':authority') ?? 'localhost';
  const [hostname, port] = authority.split(':');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(req.query.keys())) {
    const values = req.query.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: expect.credentials.secretAccessKey, ...(token ? { sessionToken: token } : {}) },
    region,
    service,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: req.method, protocol: 'http:', hostname: hostname!, ...(port ? { port: Number(port) } : {}), path: req.path, query, headers, body: req.body },
    { signingDate: date, signingRegion: region, signingService: service, signableHeaders: new Set(signedNames) },
  );
  const expected = AUTH.exec(String(signed.headers.authorization ?? signed.headers.Authorization))?.[6];
  if (expected !== signature) {
    return {
      ok: false,
      error: {
        status: 403,
        type: 'InvalidSignatureException',
        message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      },
    };
  }
  return { ok: true, scheme: 'sigv4', service, region, accessKeyId };
}

export async function checkAuth(req: IncomingAwsRequest, expect: AuthExpectations): Promise<AuthResult> {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) return { ok: false, error: { status: 403, type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' } };
  if (/^Bearer /i.test(authorization)) {
    const token = authorization.slice(7).trim();
    if (expect.bearerToken && token === expect.bearerToken) return { ok: true, scheme: 'bearer' };
    return { ok: false, error: { status: 403, type: 'AccessDeniedException', message: 'Authentication failed: Please make sure your API Key is valid.', messageField: 'Message' } };
  }
  return verifySigV4(req, authorization, expect);
}
