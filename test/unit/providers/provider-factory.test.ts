import assert from 'node:assert/strict';
import { ProviderProfile } from '../../../src/protocol';
import { createModelClient, ProviderModelClientFactory } from '../../../src/providers/factory';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { collect, testDeps, textOf } from '../../support/provider-test-kit';

const AZ_KEY = '0123456789abcdef0123456789abcdef';

describe('provider factory', () => {
  let azure: OpenAIServer;
  before(async () => {
    azure = await startOpenAIServer({ apiKey: AZ_KEY, azure: { v1: true } });
  });
  after(async () => {
    await azure.close();
  });

  it('builds the client for each provider from its profile', () => {
    const deps = testDeps({ env: {} });
    const bedrock = createModelClient(ProviderProfile.parse({ name: 'b', provider: 'bedrock', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1', auth: { type: 'chain' } }), deps);
    assert.equal(bedrock.servedBy.provider, 'bedrock');
    const az = createModelClient(ProviderProfile.parse({ name: 'a', provider: 'azure', model: 'gpt-5', endpoint: 'https://c.openai.azure.com', deployment: 'gpt5', auth: { type: 'entra' } }), deps);
    assert.deepEqual([az.servedBy.provider, az.servedBy.model, az.profile.name], ['azure', 'gpt5', 'a']);
    const oa = createModelClient(ProviderProfile.parse({ name: 'o', provider: 'openai', model: 'gpt-5', auth: { type: 'apiKey' } }), deps);
    assert.deepEqual([oa.servedBy.provider, oa.servedBy.location], ['openai', 'api.openai.com']);
  });

  it('shares one memo between the clients it creates, so an endpoint is probed once', async () => {
    const { memo: _omit, ...deps } = testDeps({ env: { AZURE_OPENAI_API_KEY: AZ_KEY } });
    const factory = new ProviderModelClientFactory(deps);
    const profile = ProviderProfile.parse({ name: 'a', provider: 'azure', model: 'gpt-5', endpoint: azure.url, deployment: 'gpt5', auth: { type: 'apiKey' } });
    azure.script([{ steps: [{ type: 'text', text: 'first' }] }, { steps: [{ type: 'text', text: 'second' }] }]);
    assert.equal(textOf(await collect(factory.create(profile).stream({ system: '', items: [{ type: 'user', text: 'a' }], tools: [] }))), 'first');
    assert.equal(textOf(await collect(factory.create(profile).stream({ system: '', items: [{ type: 'user', text: 'b' }], tools: [] }))), 'second');
    assert.equal(azure.log.filter((l) => l.path === '/openai/v1/models').length, 1);
  });
});
