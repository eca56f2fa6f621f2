/**
 * A loopback Entra ID authority for @azure/identity (MSAL Node underneath), over HTTPS because MSAL
 * refuses any authority that is not https (msal-common UrlString.validateAsUri → authority_uri_insecure).
 *
 * What the credentials fetch, read from @azure/identity 4.12 / msal-node 3.8: with `authorityHost` set and
 * instance discovery disabled, ClientSecretCredential (also as DefaultAzureCredential → EnvironmentCredential)
 * asks only the authority itself:
 *   GET  /{tenant}/v2.0/.well-known/openid-configuration   (endpoint discovery)
 *   POST /{tenant}/oauth2/v2.0/token                       (grant_type=client_credentials)
 * With instance discovery on, MSAL would first ask login.microsoftonline.com/common/discovery/instance,
 * which is what `requests` (with their Host) lets a test prove did not happen through this or any proxy.
 *
 * Tokens are unsigned-but-well-formed JWTs (header.claims.signature, base64url) with upn/oid/tid/appid
 * claims and a set lifetime. Trusting the self-signed certificate: Node reads extra CAs only at start-up
 * (NODE_EXTRA_CA_CERTS), so tests run the credential in a child process started with that variable
 * pointing at `createTestCertificate().certPath`; the certificate is made with the system's openssl.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  cert: string;
  key: string;
  /** PEM file for NODE_EXTRA_CA_CERTS. */
  certPath: string;
  dir: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost, in a fresh temp folder (remove `dir` when done). */
export function createTestCertificate(): TestCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-tls-'));
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    { stdio: 'ignore', timeout: 30_000 },
  );
  return { cert: fs.readFileSync(certPath, 'utf8'), key: fs.readFileSync(keyPath, 'utf8'), certPath, dir };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An Entra-shaped access token (not signed: services under test only read it). */
export function mintAccessToken(claims: Record<string, unknown>, lifetimeSeconds = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid: 'loopback' };
  return `${b64url(header)}.${b64url({ iat: now, nbf: now, exp: now + lifetimeSeconds, ver: '1.0', ...claims })}.${Buffer.from('unsigned').toString('base64url')}`;
}

export interface EntraServerOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  tls: Pick<TestCertificate, 'cert' | 'key'>;
  /** Extra claims for issued tokens (e.g. upn for a user, or xms_mirid for a managed identity). */
  claims?: Record<string, unknown>;
  /** Token lifetime (expires_in and exp); default 3600. */
  tokenLifetimeSeconds?: number;
}

export interface EntraRequest {
  method: string;
  path: string;
  host: string;
  form?: Record<string, string>;
}

export interface EntraServer {
  /** https://127.0.0.1:<port>: the authority host (AZURE_AUTHORITY_HOST). */
  url: string;
  requests: EntraRequest[];
  /** Access tokens issued, in order. */
  issued: string[];
  close(): Promise<void>;
}

function aadError(status: number, error: string, code: number, description: string) {
  return {
    status,
    body: { error, error_description: `AADSTS${code}: ${description} Trace ID: 00000000-0000-0000-0000-000000000000`, error_codes: [code], timestamp: new Date().toISOString(), trace_id: '00000000-0000-0000-0000-000000000000', correlation_id: '00000000-0000-0000-0000-000000000000' },
  };
}

export async function startEntraServer(options: EntraServerOptions): Promise<EntraServer> {
  const requests: EntraRequest[] = [];
  const issued: string[] = [];
  let base = '';
  const server = https.createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const body = Buffer.concat(chunks).toString('utf8');
      const form = req.method === 'POST' ? Object.fromEntries(new URLSearchParams(body)) : undefined;
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, host: req.headers.host ?? '', ...(form ? { form } : {}) });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify(json));
      };
      const [, tenant, ...rest] = url.pathname.split('/');
      const tail = rest.join('/');
      if (tenant !== options.tenantId && tenant !== 'organizations' && tenant !== 'common') {
        const e = aadError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found.`);
        return send(e.status, e.body);
      }
      if (req.method === 'GET' && tail === 'v2.0/.well-known/openid-configuration') {
        const root = `${base}/${options.tenantId}`;
        return send(200, {
          token_endpoint: `${root}/oauth2/v2.0/token`,
          authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${root}/oauth2/v2.0/logout`,
          issuer: `${root}/v2.0`,
          jwks_uri: `${root}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          tenant_region_scope: 'NA',
        });
      }
      if (req.method === 'POST' && tail === 'oauth2/v2.0/token') {
        if (form?.grant_type !== 'client_credentials') {
          const e = aadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form?.grant_type}'.`);
          return send(e.status, e.body);
        }
        if (form.client_id !== options.clientId) {
          const e = aadError(400, 'unauthorized_client', 700016, `Application with identifier '${form.client_id}' was not found in the directory.`);
          return send(e.status, e.body);
        }
        if (form.client_secret !== options.clientSecret) {
          const e = aadError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
          return send(e.status, e.body);
        }
        const lifetime = options.tokenLifetimeSeconds ?? 3600;
        const audience = (form.scope ?? '').split(' ')[0].replace(/\/\.default$/, '');
        const token = mintAccessToken(
          { aud: audience, iss: `https://sts.windows.net/${options.tenantId}/`, appid: options.clientId, tid: options.tenantId, oid: '11111111-2222-3333-4444-555555555555', sub: '11111111-2222-3333-4444-555555555555', idtyp: 'app', ...options.claims },
          lifetime,
        );
        issued.push(token);
        return send(200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token });
      }
      send(404, { error: 'not_found', error_description: `No route for ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    issued,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
