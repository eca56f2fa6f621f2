import assert from 'node:assert/strict';
import type { ModelRequest } from '../../../src/core/model/types';
import type { SecretSource } from '../../../src/core/ports/system';
import { AzureProfile, type AzureProfile as AzureProfileType } from '../../../src/protocol';
import { createAzureClient } from '../../../src/providers/azure';
import { identityFromAccessToken } from '../../../src/providers/azure/access-token';
import { entraCredentialOptions } from '../../../src/providers/azure/entra-token-source';
import { isMicrosoftAuthorityHost, tokenScopeFor } from '../../../src/providers/azure/sovereign-clouds';
import { mintAccessToken } from '../../support/entra-server';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { collect, collectFailure, testDeps, textOf } from '../../support/provider-test-kit';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ask: ModelRequest = { system: '', items: [{ type: 'user', text: 'hi' }], tools: [] };

/** VS Code's Microsoft sign-in as the extension hands it to the engine (SecretSource port). */
function signIn(tokens: () => { token: string; expiresAt: number }) {
  const calls: Array<{ scopes: string[]; tenantId?: string }> = [];
  const source: SecretSource = {
    getSecret: async () => undefined,
    getAccessToken: async (scopes, tenantId) => {
      calls.push({ scopes, tenantId });
      return tokens();
    },
  };
  return { source, calls };
}

function vscodeProfile(endpoint: string, extra: Partial<AzureProfileType> = {}): AzureProfileType {
  return AzureProfile.parse({ name: 'vs', provider: 'azure', model: 'gpt-5', endpoint, deployment: 'gpt5', auth: { type: 'vscodeMicrosoft', tenantId: TENANT }, ...extra });
}

describe('Azure OpenAI provider — VS Code Microsoft sign-in and token handling', () => {
  let server: OpenAIServer;
  const accepted = new Set<string>();
  before(async () => {
    server = await startOpenAIServer({ bearerToken: (t) => accepted.has(t), azure: { v1: true } });
  });
  after(async () => {
    await server.close();
  });

  it('sends the signed-in token as a bearer token, asks once while it is fresh, and names the user', async () => {
    const token = mintAccessToken({ upn: 'alice@contoso.com', tid: TENANT, oid: 'aaaa-1111', aud: 'https://cognitiveservices.azure.com' });
    accepted.add(token);
    const { source, calls } = signIn(() => ({ token, expiresAt: Date.now() + 3600_000 }));
    server.script([{ steps: [{ type: 'text', text: 'one' }] }, { steps: [{ type: 'text', text: 'two' }] }]);
    const client = createAzureClient(vscodeProfile(server.url), testDeps({ secrets: source }));
    assert.equal(textOf(await collect(client.stream(ask))), 'one');
    assert.equal(textOf(await collect(client.stream(ask))), 'two');
    assert.equal(server.requests.at(-1)!.headers.authorization, `Bearer ${token}`);
    assert.deepEqual(await client.whoami(), { provider: 'azure', principal: 'alice@contoso.com', tenantId: TENANT, account: 'aaaa-1111', source: 'vscode' });
    assert.deepEqual(calls, [{ scopes: ['https://cognitiveservices.azure.com/.default'], tenantId: TENANT }]);
  });

  it('asks again when the token is about to expire', async () => {
    let n = 0;
    const { source, calls } = signIn(() => {
      const token = mintAccessToken({ upn: `user${++n}@contoso.com` });
      accepted.add(token);
      return { token, expiresAt: Date.now() + 60_000 };
    });
    server.script([{ steps: [{ type: 'text', text: 'a' }] }, { steps: [{ type: 'text', text: 'b' }] }]);
    const client = createAzureClient(vscodeProfile(server.url, { api: 'responses' }), testDeps({ secrets: source }));
    await collect(client.stream(ask));
    await collect(client.stream(ask));
    assert.equal(calls.length, 2, 'a token one minute from expiry is not used for a new request');
  });

  it('reports an expired token as authExpired and asks for a new one next time', async () => {
    let n = 0;
    const { source, calls } = signIn(() => {
      n++;
      // The first token has already expired (the service checks exp); the second one is good.
      const token = mintAccessToken({ upn: 'bob@contoso.com', n }, n === 1 ? -60 : 3600);
      accepted.add(token);
      return { token, expiresAt: Date.now() + 3600_000 };
    });
    const client = createAzureClient(vscodeProfile(server.url, { api: 'responses' }), testDeps({ secrets: source }));
    const { error } = await collectFailure(client.stream(ask));
    assert.equal(error.kind, 'authExpired');
    assert.equal(error.status, 401);
    assert.match(error.fix ?? '', /Sign in again/);
    server.script([{ steps: [{ type: 'text', text: 'fresh' }] }]);
    assert.equal(textOf(await collect(client.stream(ask))), 'fresh');
    assert.equal(calls.length, 2);
  });

  it('reports a token the service does not accept as authInvalid', async () => {
    const { source } = signIn(() => ({ token: mintAccessToken({ upn: 'mallory@contoso.com' }), expiresAt: Date.now() + 3600_000 }));
    const { error } = await collectFailure(createAzureClient(vscodeProfile(server.url, { api: 'responses' }), testDeps({ secrets: source })).stream(ask));
    assert.equal(error.kind, 'authInvalid');
    assert.ok(!/eyJ/.test(error.message), 'no token in the message');
  });

  it('says to sign in when VS Code gives no token, and that the CLI cannot use VS Code sign-in', async () => {
    const declined: SecretSource = { getSecret: async () => undefined, getAccessToken: async () => Promise.reject(new Error('User did not consent to login.')) };
    const { error } = await collectFailure(createAzureClient(vscodeProfile(server.url), testDeps({ secrets: declined })).stream(ask));
    assert.equal(error.kind, 'authExpired');
    assert.match(error.fix ?? '', /Sign in/);
    const cli = await collectFailure(createAzureClient(vscodeProfile(server.url), testDeps()).stream(ask));
    assert.equal(cli.error.kind, 'configuration');
    assert.match(cli.error.fix ?? '', /az login|AZURE_OPENAI_API_KEY/);
  });

  it('uses a token on the classic path even when AZURE_OPENAI_API_KEY is set in the process environment', async () => {
    const classic = await startOpenAIServer({ bearerToken: (t) => accepted.has(t), azure: { v1: false } });
    const saved = process.env.AZURE_OPENAI_API_KEY;
    process.env.AZURE_OPENAI_API_KEY = 'ffffffffffffffffffffffffffffffff';
    try {
      const token = mintAccessToken({ upn: 'carol@contoso.com' });
      accepted.add(token);
      const { source } = signIn(() => ({ token, expiresAt: Date.now() + 3600_000 }));
      classic.script([{ steps: [{ type: 'text', text: 'classic with token' }] }]);
      assert.equal(textOf(await collect(createAzureClient(vscodeProfile(classic.url), testDeps({ secrets: source })).stream(ask))), 'classic with token');
      assert.equal(classic.requests.at(-1)!.headers.authorization, `Bearer ${token}`);
      assert.equal(classic.requests.at(-1)!.headers['api-key'], undefined);
    } finally {
      if (saved === undefined) delete process.env.AZURE_OPENAI_API_KEY;
      else process.env.AZURE_OPENAI_API_KEY = saved;
      await classic.close();
    }
  });
});

describe('Azure OpenAI provider — clouds, authorities and identities', () => {
  it('disables instance discovery only for authority hosts outside Microsoft clouds', () => {
    for (const host of ['https://login.microsoftonline.com', 'https://login.microsoftonline.us/', 'https://login.chinacloudapi.cn', 'https://login.partner.microsoftonline.cn']) {
      assert.equal(isMicrosoftAuthorityHost(host), true, host);
      assert.equal(entraCredentialOptions({ type: 'entra', authorityHost: host }, { env: {} }).disableInstanceDiscovery, false, host);
    }
    const custom = entraCredentialOptions({ type: 'entra' }, { env: { AZURE_AUTHORITY_HOST: 'https://login.contoso-stack.local', AZURE_TENANT_ID: TENANT } });
    assert.deepEqual(custom, { tenantId: TENANT, authorityHost: 'https://login.contoso-stack.local', disableInstanceDiscovery: true });
    const fromProfile = entraCredentialOptions({ type: 'entra', authorityHost: 'https://adfs.contoso.local', tenantId: 'adfs' }, { env: { AZURE_AUTHORITY_HOST: 'https://ignored.example' } });
    assert.equal(fromProfile.authorityHost, 'https://adfs.contoso.local');
    assert.equal(fromProfile.tenantId, 'adfs');
    assert.deepEqual(entraCredentialOptions({ type: 'entra' }, { env: {} }), {}, 'the public cloud needs nothing');
  });

  it('gives @azure/identity the proxy in the form it wants', () => {
    const opts = entraCredentialOptions({ type: 'entra' }, { env: {}, proxyUrl: 'http://user:p%40ss@proxy.corp:3128' });
    assert.deepEqual(opts.proxyOptions, { host: 'http://proxy.corp', port: 3128, username: 'user', password: 'p@ss' });
    assert.deepEqual(entraCredentialOptions({ type: 'entra' }, { env: { HTTPS_PROXY: 'http://proxy.corp:8080' } }).proxyOptions, { host: 'http://proxy.corp', port: 8080 });
  });

  it('picks the token scope of the endpoint’s cloud when the profile kept the public default', () => {
    const def = 'https://cognitiveservices.azure.com/.default';
    assert.equal(tokenScopeFor('https://gov.openai.azure.us', def), 'https://cognitiveservices.azure.us/.default');
    assert.equal(tokenScopeFor('https://cn.openai.azure.cn', def), 'https://cognitiveservices.azure.cn/.default');
    assert.equal(tokenScopeFor('https://x.openai.azure.com', def), def);
    assert.equal(tokenScopeFor('https://gov.openai.azure.us', 'https://custom/.default'), 'https://custom/.default');
  });

  it('names the principal from the token claims: user, service principal or managed identity', () => {
    assert.deepEqual(identityFromAccessToken(mintAccessToken({ preferred_username: 'dana@contoso.com', tid: TENANT }), 'entra'), { provider: 'azure', principal: 'dana@contoso.com', tenantId: TENANT, source: 'entra' });
    assert.equal(identityFromAccessToken(mintAccessToken({ appid: 'app-123', oid: 'o-1' }), 'entra').principal, 'app app-123');
    const mi = identityFromAccessToken(mintAccessToken({ appid: 'app-9', xms_mirid: '/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/build-agent' }), 'entra');
    assert.deepEqual([mi.principal, mi.source], ['managed identity build-agent', 'managedIdentity']);
    assert.equal(identityFromAccessToken('not-a-jwt', 'entra').principal, 'unknown Entra principal');
  });
});
