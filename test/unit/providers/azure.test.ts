import assert from 'node:assert/strict';
import type { ModelRequest } from '../../../src/core/model/types';
import { CancellationSource } from '../../../src/core/ports/cancellation';
import { AzureProfile, type AzureProfile as AzureProfileType } from '../../../src/protocol';
import { createAzureClient } from '../../../src/providers/azure';
import type { ProviderDeps } from '../../../src/providers/deps';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { collect, collectFailure, testDeps, textOf } from '../../support/provider-test-kit';

const KEY = '0123456789abcdef0123456789abcdef';
const API_VERSION = '2025-04-01-preview';
const ask: ModelRequest = { system: 'sys', items: [{ type: 'user', text: 'hi' }], tools: [] };

function azureProfile(endpoint: string, extra: Partial<AzureProfileType> = {}): AzureProfileType {
  return AzureProfile.parse({ name: 'az', provider: 'azure', model: 'gpt-4.1', endpoint, deployment: 'gpt41', apiVersion: API_VERSION, auth: { type: 'apiKey' }, ...extra });
}

function keyDeps(extra: Partial<ProviderDeps> = {}) {
  return testDeps({ env: { AZURE_OPENAI_API_KEY: KEY }, ...extra });
}

const probes = (server: OpenAIServer) => server.log.filter((l) => l.path === '/openai/v1/models').length;

describe('Azure OpenAI provider — v1 probe, classic Chat Completions, api-key auth', () => {
  let v1: OpenAIServer;
  let classic: OpenAIServer;
  before(async () => {
    v1 = await startOpenAIServer({ apiKey: KEY, azure: { v1: true, deployments: ['gpt41', 'gpt5-codex'], responsesOnly: ['gpt5-codex'] } });
    classic = await startOpenAIServer({ apiKey: KEY, azure: { v1: false, apiVersion: API_VERSION, deployments: ['gpt41'] } });
  });
  after(async () => {
    await v1.close();
    await classic.close();
  });

  it('probes once per endpoint: v1 present → Responses at /openai/v1/ with the deployment as model and the api-key header', async () => {
    const deps = keyDeps();
    v1.script([{ steps: [{ type: 'text', text: 'via v1' }] }, { steps: [{ type: 'text', text: 'again' }] }, { steps: [{ type: 'text', text: 'third' }] }]);
    const before = probes(v1);
    const client = createAzureClient(azureProfile(v1.url + '/'), deps);
    assert.equal(textOf(await collect(client.stream(ask))), 'via v1');
    assert.equal(textOf(await collect(client.stream(ask))), 'again');
    // A second client over the same deps (same memo) trusts the remembered answer.
    assert.equal(textOf(await collect(createAzureClient(azureProfile(v1.url), deps).stream(ask))), 'third');
    assert.equal(probes(v1) - before, 1);
    const seen = v1.requests.at(-1)!;
    assert.equal(seen.path, '/openai/v1/responses');
    assert.equal(seen.model, 'gpt41');
    assert.equal(seen.headers['api-key'], KEY);
    assert.equal(seen.headers.authorization, undefined, 'no bearer header next to the key');
    assert.equal((seen.raw as Record<string, unknown>).store, false);
  });

  it('probes once per endpoint: no v1 → Chat Completions on the deployment URL with the api-version', async () => {
    const deps = keyDeps();
    classic.script([{ steps: [{ type: 'text', text: 'classic one' }], usage: { input: 7, output: 3 } }, { steps: [{ type: 'text', text: 'classic two' }] }]);
    const client = createAzureClient(azureProfile(classic.url), deps);
    const events = await collect(client.stream(ask));
    assert.equal(textOf(events), 'classic one');
    assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 7, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } });
    assert.equal(textOf(await collect(client.stream(ask))), 'classic two');
    assert.equal(probes(classic), 1);
    const seen = classic.requests.at(-1)!;
    assert.equal(seen.path, `/openai/deployments/gpt41/chat/completions?api-version=${API_VERSION}`);
    assert.equal(seen.headers['api-key'], KEY);
  });

  it('serves a Responses-only (GPT-5-class) deployment through v1; forced onto Chat Completions it says why', async () => {
    v1.script([{ steps: [{ type: 'reasoning', text: 'plan' }, { type: 'text', text: 'codex answer' }] }]);
    const gpt5 = createAzureClient(azureProfile(v1.url, { deployment: 'gpt5-codex', model: 'gpt-5-codex' }), keyDeps());
    const events = await collect(gpt5.stream({ ...ask, reasoningEffort: 'medium' }));
    assert.equal(textOf(events), 'codex answer');
    const reasoning = events.find((e) => e.type === 'reasoning');
    assert.deepEqual(reasoning && reasoning.type === 'reasoning' ? reasoning.item.origin : undefined, { provider: 'azure', model: 'gpt5-codex' });
    assert.deepEqual((v1.requests.at(-1)!.raw as Record<string, unknown>).reasoning, { effort: 'medium', summary: 'auto' });

    const forced = createAzureClient(azureProfile(v1.url, { deployment: 'gpt5-codex', api: 'chat' }), keyDeps());
    const { error } = await collectFailure(forced.stream(ask));
    assert.equal(error.kind, 'invalidRequest');
    assert.match(error.message, /chatCompletion operation does not work/);
    assert.match(error.fix ?? '', /only serves the Responses API/);
  });

  it('shares one probe between concurrent requests; one cancelled while it runs leaves the other unharmed', async () => {
    const slow = await startOpenAIServer({ apiKey: KEY, azure: { v1: true }, modelsDelayMs: 300 });
    try {
      const deps = keyDeps();
      slow.script([{ steps: [{ type: 'text', text: 'survivor' }] }]);
      const cancel = new CancellationSource();
      const cancelled = collectFailure(createAzureClient(azureProfile(slow.url), deps).stream({ ...ask, signal: cancel.signal }));
      const survivor = collect(createAzureClient(azureProfile(slow.url), deps).stream(ask));
      setTimeout(() => cancel.cancel(), 50);
      const started = Date.now();
      assert.equal((await cancelled).error.kind, 'cancelled');
      assert.ok(Date.now() - started < 200, 'the cancelled one did not wait for the probe');
      assert.equal(textOf(await survivor), 'survivor');
      assert.equal(probes(slow), 1);
    } finally {
      await slow.close();
    }
  });

  it('skips the probe when the profile names the API', async () => {
    const before = probes(v1);
    v1.script([{ steps: [{ type: 'text', text: 'r' }] }]);
    await collect(createAzureClient(azureProfile(v1.url, { api: 'responses' }), keyDeps()).stream(ask));
    classic.script([{ steps: [{ type: 'text', text: 'c' }] }]);
    const classicBefore = probes(classic);
    await collect(createAzureClient(azureProfile(classic.url, { api: 'chat' }), keyDeps()).stream(ask));
    assert.equal(probes(v1), before);
    assert.equal(probes(classic), classicBefore);
  });

  it('refuses a wrong key (authInvalid, not echoed) and says where a missing key goes', async () => {
    const wrong = 'ffffffffffffffffffffffffffffffff';
    for (const server of [v1, classic]) {
      const { error } = await collectFailure(createAzureClient(azureProfile(server.url), testDeps({ env: { AZURE_OPENAI_API_KEY: wrong } })).stream(ask));
      assert.equal(error.kind, 'authInvalid');
      assert.ok(!error.message.includes(wrong));
      assert.match(error.fix ?? '', /Keys and Endpoint/);
    }
    const { error } = await collectFailure(createAzureClient(azureProfile(v1.url), testDeps()).stream(ask));
    assert.equal(error.kind, 'configuration');
    assert.match(error.fix ?? '', /AZURE_OPENAI_API_KEY/);
  });

  it('names the deployment when it does not exist, and the api-version when the resource does not know it', async () => {
    for (const server of [v1, classic]) {
      const { error } = await collectFailure(createAzureClient(azureProfile(server.url, { deployment: 'nope' }), keyDeps()).stream(ask));
      assert.equal(error.kind, 'invalidRequest');
      assert.equal(error.status, 404);
      assert.match(error.fix ?? '', /deployment named 'nope'/);
    }
    const { error } = await collectFailure(createAzureClient(azureProfile(classic.url, { apiVersion: '2023-01-01' }), keyDeps()).stream(ask));
    assert.equal(error.kind, 'invalidRequest');
    assert.match(error.fix ?? '', /api-version 2023-01-01/);
  });

  for (const which of ['v1', 'classic'] as const) {
    it(`${which}: maps Azure's throttling (retry-after-ms), quota, 403 and 5xx`, async () => {
      const server = which === 'v1' ? v1 : classic;
      const client = createAzureClient(azureProfile(server.url), keyDeps());
      server.script([{ fault: 'throttle', retryAfterSeconds: 4 }, { fault: 'quota' }, { fault: 'accessDenied' }, { fault: 'serverError', status: 503 }, { fault: 'truncate', afterEvents: 2 }]);
      const throttled = (await collectFailure(client.stream(ask))).error;
      assert.equal(throttled.kind, 'throttled');
      assert.equal(throttled.retryAfterMs, 4000);
      assert.equal((await collectFailure(client.stream(ask))).error.kind, 'quota');
      const denied = (await collectFailure(client.stream(ask))).error;
      assert.equal(denied.kind, 'accessDenied');
      assert.match(denied.fix ?? '', /private/);
      assert.equal((await collectFailure(client.stream(ask))).error.kind, 'server');
      assert.equal((await collectFailure(client.stream(ask))).error.kind, 'network');
    });
  }

  it('lists the v1 models with the deployment first, or only the deployment without v1; whoami shows the key fingerprint', async () => {
    const withV1 = await createAzureClient(azureProfile(v1.url), keyDeps()).listModels();
    assert.deepEqual(withV1.map((m) => m.id), ['gpt41', 'gpt-4.1', 'gpt-5', 'o4-mini']);
    assert.ok(withV1.every((m) => m.provider === 'azure'));
    const without = await createAzureClient(azureProfile(classic.url), keyDeps()).listModels();
    assert.deepEqual(without, [{ id: 'gpt41', name: 'gpt41 (deployment)', provider: 'azure' }]);
    const me = await createAzureClient(azureProfile(v1.url), keyDeps()).whoami();
    assert.deepEqual(me, { provider: 'azure', principal: 'Azure API key …cdef', source: 'apiKey' });
  });

  it('is not thrown off by OPENAI_BASE_URL or OPENAI_API_KEY in the process environment (the SDK reads them)', async () => {
    const saved = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
    process.env.OPENAI_BASE_URL = 'http://127.0.0.1:9/v1';
    process.env.OPENAI_API_KEY = 'sk-not-for-azure-0123456789abcdefghijkl';
    try {
      classic.script([{ steps: [{ type: 'text', text: 'still classic' }] }]);
      assert.equal(textOf(await collect(createAzureClient(azureProfile(classic.url, { api: 'chat' }), keyDeps()).stream(ask))), 'still classic');
      v1.script([{ steps: [{ type: 'text', text: 'still v1' }] }]);
      assert.equal(textOf(await collect(createAzureClient(azureProfile(v1.url, { api: 'responses' }), keyDeps()).stream(ask))), 'still v1');
      assert.equal(v1.requests.at(-1)!.headers.authorization, undefined);
    } finally {
      if (saved.base === undefined) delete process.env.OPENAI_BASE_URL;
      else process.env.OPENAI_BASE_URL = saved.base;
      if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved.key;
    }
  });

  it('reports the endpoint host and deployment as where it is served', () => {
    const client = createAzureClient(azureProfile('https://contoso.openai.azure.com/openai/v1/'), keyDeps());
    assert.deepEqual(client.servedBy, { profile: 'az', provider: 'azure', model: 'gpt41', location: 'contoso.openai.azure.com' });
  });
});
