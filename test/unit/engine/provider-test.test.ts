// The picker's engine requests: listing models and testing a connection for a saved profile or for a
// draft that is not in the settings yet; an API key is really used by the test, so a wrong one fails.
import assert from 'node:assert/strict';
import type { ProviderProfile } from '../../../src/protocol';
import { EngineHarness, startCloud, type Cloud } from '../../support/engine-harness';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';

describe('engine: provider/test and provider/models', function () {
  this.timeout(30_000);
  let bedrock: Cloud;
  let azure: Cloud;
  let other: OpenAIServer;
  let h: EngineHarness;

  before(async () => {
    bedrock = await startCloud('bedrock');
    azure = await startCloud('azure');
    other = await startOpenAIServer({ apiKey: 'a-key-the-engine-does-not-have-0001', azure: { v1: true } });
    h = await EngineHarness.create({ clouds: [bedrock, azure] });
  });

  after(async () => {
    await Promise.all([bedrock.close(), azure.close(), other.close()]);
  });

  it('tests a saved profile by name: the STS caller and a round trip', async () => {
    const r = await h.engine.testProvider('bedrock-test');
    assert.match(r.identity?.principal ?? '', /^arn:aws:/);
    assert.ok(r.roundTripMs >= 0);
    assert.match(r.model, /claude-sonnet-4-5/);
  });

  it('lists models and tests a draft that is not in the settings', async () => {
    const draft: ProviderProfile = { ...azure.profile, name: 'not-saved-yet' };
    assert.ok(!h.engine.currentSettings.profiles.some((p) => p.name === draft.name));
    const { models } = await h.engine.listModels(draft);
    assert.equal(models[0]?.id, 'gpt-5-5-prod', 'the deployment comes first');
    const r = await h.engine.testProvider(draft);
    assert.match(r.identity?.principal ?? '', /Azure API key/);
  });

  it('fails the test when the API key is refused, instead of reporting the key it read', async () => {
    const draft = { ...azure.profile, name: 'wrong-key', endpoint: other.url } as ProviderProfile;
    await assert.rejects(h.engine.testProvider(draft), (e: { kind?: string }) => e.kind === 'authInvalid');
  });
});
