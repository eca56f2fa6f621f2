// Entra ID through the real @azure/identity DefaultAzureCredential (EnvironmentCredential →
// ClientSecretCredential → MSAL) against a loopback HTTPS authority named by AZURE_AUTHORITY_HOST.
// MSAL only accepts https authorities and Node only reads extra CAs at start-up, so each scenario runs in a
// child process with NODE_EXTRA_CA_CERTS set (see test/support/entra-server.ts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestCertificate, startEntraServer, type EntraServer, type TestCertificate } from '../../support/entra-server';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
const SECRET = 'loopback-client-secret-value-0123456789';
const ROOT = path.resolve(__dirname, '../../..');

interface ChildResult {
  ok: boolean;
  kind?: string;
  message?: string;
  fix?: string;
  fixCommand?: string;
  runs?: Array<Array<{ type: string; text?: string }>>;
  identity?: Record<string, unknown>;
}

function runChild(env: Record<string, string>, config: unknown): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'azure-entra.child.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, CW_CHILD_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', () => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) return reject(new Error(`child gave no result:\n${out}\n${err}`));
      resolve(JSON.parse(line.slice('RESULT '.length)) as ChildResult);
    });
  });
}

describe('Azure OpenAI provider — Entra ID via DefaultAzureCredential and a loopback authority', function () {
  this.timeout(60_000);
  let cert: TestCertificate;
  let entra: EntraServer;
  let azure: OpenAIServer;
  let proxy: ConnectProxy;

  before(async () => {
    cert = createTestCertificate();
    entra = await startEntraServer({ tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET, tls: cert });
    azure = await startOpenAIServer({ bearerToken: (t) => entra.issued.includes(t), azure: { v1: true, deployments: ['gpt5'] } });
    proxy = await startConnectProxy();
  });
  after(async () => {
    await proxy.close();
    await azure.close();
    await entra.close();
    fs.rmSync(cert.dir, { recursive: true, force: true });
  });

  const envFor = (secret: string, extra: Record<string, string> = {}) => ({
    NODE_EXTRA_CA_CERTS: cert.certPath,
    AZURE_TENANT_ID: TENANT,
    AZURE_CLIENT_ID: CLIENT_ID,
    AZURE_CLIENT_SECRET: secret,
    AZURE_AUTHORITY_HOST: entra.url,
    ...extra,
  });
  const profile = (extra: Record<string, unknown> = {}) => ({ name: 'entra', provider: 'azure', model: 'gpt-5', endpoint: azure.url, deployment: 'gpt5', auth: { type: 'entra' }, ...extra });

  it('gets a token for the cognitiveservices scope, streams with it as a bearer token, and never asks any other host', async () => {
    azure.script([{ steps: [{ type: 'text', text: 'entra one' }] }, { steps: [{ type: 'text', text: 'entra two' }] }]);
    const entraBefore = entra.requests.length;
    const result = await runChild(envFor(SECRET), { profile: profile(), proxyUrl: proxy.url, streams: 2 });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(result.runs!.map((r) => r.filter((e) => e.type === 'textDelta').map((e) => e.text).join('')), ['entra one', 'entra two']);

    const calls = entra.requests.slice(entraBefore);
    const tokenCalls = calls.filter((r) => r.path.startsWith(`/${TENANT}/oauth2/v2.0/token`));
    assert.equal(tokenCalls.length, 1, 'one token, reused for the probe, both streams and whoami');
    assert.equal(tokenCalls[0].form?.scope, 'https://cognitiveservices.azure.com/.default');
    assert.equal(tokenCalls[0].form?.client_id, CLIENT_ID);
    assert.ok(calls.some((r) => r.path === `/${TENANT}/v2.0/.well-known/openid-configuration`));
    assert.ok(!calls.some((r) => r.path.includes('discovery/instance')), 'no instance discovery');

    // Every connection the child opened went through the proxy, to the two loopback servers only.
    const allowed = new Set([new URL(entra.url).host, new URL(azure.url).host]);
    assert.ok(proxy.connects.length >= 2);
    assert.deepEqual([...new Set(proxy.connects)].filter((t) => !allowed.has(t)), []);

    const seen = azure.requests.at(-1)!;
    assert.equal(seen.headers.authorization, `Bearer ${entra.issued.at(-1)}`);
    assert.equal(seen.headers['api-key'], undefined);
    assert.deepEqual(result.identity, { provider: 'azure', principal: `app ${CLIENT_ID}`, tenantId: TENANT, account: '11111111-2222-3333-4444-555555555555', source: 'servicePrincipal' });
  });

  it('uses the sovereign-cloud scope the profile names, on the classic Chat Completions path too', async () => {
    const classic = await startOpenAIServer({ bearerToken: (t) => entra.issued.includes(t), azure: { v1: false, apiVersion: '2024-10-21' } });
    try {
      classic.script([{ steps: [{ type: 'text', text: 'gov cloud' }] }]);
      // AZURE_OPENAI_API_KEY in the environment must not clash with token auth inside AzureOpenAI.
      const result = await runChild(envFor(SECRET, { AZURE_OPENAI_API_KEY: 'ffffffffffffffffffffffffffffffff' }), {
        profile: profile({ endpoint: classic.url, apiVersion: '2024-10-21', scope: 'https://cognitiveservices.azure.us/.default' }),
      });
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(entra.requests.filter((r) => r.form?.scope).at(-1)!.form!.scope, 'https://cognitiveservices.azure.us/.default');
      assert.equal(classic.requests.at(-1)!.path, '/openai/deployments/gpt5/chat/completions?api-version=2024-10-21');
      assert.match(String(classic.requests.at(-1)!.headers.authorization), /^Bearer ey/);
    } finally {
      await classic.close();
    }
  });

  it('turns a refused client secret into authInvalid with a way out, before any model request', async () => {
    const before = azure.log.length;
    const result = await runChild(envFor('the-wrong-secret-0123456789'), { profile: profile() });
    assert.equal(result.ok, false);
    assert.equal(result.kind, 'authInvalid', JSON.stringify(result));
    assert.match(result.message ?? '', /AADSTS7000215/);
    assert.ok(!(result.message ?? '').includes('the-wrong-secret'));
    assert.match(result.fix ?? '', /AZURE_CLIENT_SECRET/);
    assert.equal(result.fixCommand, 'az login');
    assert.equal(azure.log.length, before, 'the model service was never called');
  });
});
