// Azure resources whose region has no Responses API (their /openai/v1/models answers, /responses is 404),
// prompt_cache_key on Responses, and efforts checked against the deployment's model.
import assert from 'node:assert/strict';
import type { ModelRequest } from '../../../src/core/model/types';
import { AzureProfile, type AzureProfile as AzureProfileType } from '../../../src/protocol';
import { createAzureClient } from '../../../src/providers/azure';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { collect, collectFailure, testDeps, textOf } from '../../support/provider-test-kit';

const KEY = 'fedcba9876543210fedcba9876543210';
const ask: ModelRequest = { system: 'sys', items: [{ type: 'user', text: 'hi' }], tools: [], conversationId: 'thr_azure_7' };

function profile(endpoint: string, extra: Partial<AzureProfileType> = {}): AzureProfileType {
  return AzureProfile.parse({ name: 'az', provider: 'azure', model: 'gpt-5.1', endpoint, deployment: 'gpt51', auth: { type: 'apiKey' }, ...extra });
}

describe('Azure OpenAI — regions without Responses, prompt_cache_key, effort', () => {
  let westEurope: OpenAIServer;
  let eastUs: OpenAIServer;
  before(async () => {
    westEurope = await startOpenAIServer({ apiKey: KEY, azure: { v1: true, responsesApi: false, deploymentModels: { gpt51: 'gpt-5.1' } } });
    eastUs = await startOpenAIServer({ apiKey: KEY, azure: { v1: true, deploymentModels: { gpt51: 'gpt-5.1' } } });
  });
  after(async () => {
    await westEurope.close();
    await eastUs.close();
  });

  it('falls back to Chat Completions on the 404 and remembers it for every client of the endpoint', async () => {
    const deps = testDeps({ env: { AZURE_OPENAI_API_KEY: KEY } });
    westEurope.script([{ steps: [{ type: 'text', text: 'on chat' }] }, { steps: [{ type: 'text', text: 'still chat' }] }]);
    assert.equal(textOf(await collect(createAzureClient(profile(westEurope.url), deps).stream(ask))), 'on chat');
    assert.equal(textOf(await collect(createAzureClient(profile(westEurope.url), deps).stream(ask))), 'still chat');
    assert.equal(westEurope.log.filter((l) => l.path === '/openai/v1/responses').length, 1);
    assert.ok(deps.logs.some((l) => /no Responses API in its region/.test(l.message)));
  });

  it("an explicit api: 'responses' profile is told why instead of silently switching", async () => {
    const deps = testDeps({ env: { AZURE_OPENAI_API_KEY: KEY } });
    const { error } = await collectFailure(createAzureClient(profile(westEurope.url, { api: 'responses' }), deps).stream(ask));
    assert.match(error.message, /Responses API is not enabled in this region/);
  });

  it('sends a stable prompt_cache_key (the thread id) on Responses', async () => {
    const deps = testDeps({ env: { AZURE_OPENAI_API_KEY: KEY } });
    eastUs.script([{ steps: [{ type: 'text', text: 'a' }] }, { steps: [{ type: 'text', text: 'b' }] }]);
    const client = createAzureClient(profile(eastUs.url), deps);
    await collect(client.stream(ask));
    await collect(client.stream(ask));
    assert.deepEqual(eastUs.requests.slice(-2).map((r) => (r.raw as { prompt_cache_key?: string }).prompt_cache_key), ['thr_azure_7', 'thr_azure_7']);
  });

  it("maps 'minimal' to 'low' for gpt-5.1 (which refuses minimal) and refuses nothing it can map", async () => {
    const deps = testDeps({ env: { AZURE_OPENAI_API_KEY: KEY } });
    eastUs.script([{ steps: [{ type: 'text', text: 'ok' }] }]);
    assert.equal(textOf(await collect(createAzureClient(profile(eastUs.url), deps).stream({ ...ask, reasoningEffort: 'minimal' }))), 'ok');
    assert.equal((eastUs.requests.at(-1)!.raw as { reasoning: { effort: string } }).reasoning.effort, 'low');
  });
});
