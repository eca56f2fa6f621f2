// The model list from the Bedrock control plane (ListFoundationModels + ListInferenceProfiles) and the
// caller identity from STS, through the real @aws-sdk/client-bedrock and client-sts.
import assert from 'node:assert/strict';
import { createBedrockClient } from '../../../src/providers/bedrock';
import { type BedrockServer, startBedrockServer } from '../../support/bedrock-server';
import { defaultInferenceProfiles } from '../../support/bedrock-catalog';
import { CREDS, REGION, bedrockProfile, failureOf, serverDeps, testDeps } from './bedrock-test-kit';

const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('Bedrock adapter: models and identity', () => {
  let server: BedrockServer;
  before(async () => {
    server = await startBedrockServer({
      credentials: CREDS,
      region: REGION,
      bearerToken: 'ABSKY2F0YWxvZy10ZXN0LWtleS0wMDAwMDAwMQ',
      identity: { arn: 'arn:aws:sts::123456789012:assumed-role/Developer/alice', account: '123456789012' },
    });
  });
  after(async () => {
    await server.close();
  });
  afterEach(() => {
    server.calls.length = 0;
  });

  it('lists streaming text models, with the inference profile each needs in the region', async () => {
    const models = await createBedrockClient(bedrockProfile(server), serverDeps(server)).listModels();
    const byId = new Map(models.map((m) => [m.id, m]));
    assert.deepEqual(byId.get(SONNET_45), { id: SONNET_45, name: 'Claude Sonnet 4.5', provider: 'bedrock', vendor: 'Anthropic', supportsTools: true, inferenceProfile: `us.${SONNET_45}` });
    assert.equal(byId.get('meta.llama3-3-70b-instruct-v1:0')!.inferenceProfile, 'us.meta.llama3-3-70b-instruct-v1:0');
    assert.equal(byId.get('amazon.nova-pro-v1:0')!.inferenceProfile, undefined, 'on-demand models are called by their own id');
    assert.equal(byId.get('anthropic.claude-3-5-sonnet-20240620-v1:0')!.name, 'Claude 3.5 Sonnet (legacy)');
    assert.ok(byId.has('openai.gpt-oss-120b-1:0'));
    assert.ok(!byId.has('amazon.titan-embed-text-v2:0') && !byId.has('stability.sd3-5-large-v1:0'), 'no embedding or image models');
    assert.ok(!byId.has('deepseek.r1-v1:0'), 'a profile-only model without a profile in the region is not offered');
    const app = models.find((m) => m.name === 'team-claude')!;
    assert.equal(app.id, `arn:aws:bedrock:${REGION}:123456789012:application-inference-profile/abc123team`);
    assert.equal(app.inferenceProfile, app.id);
    assert.equal(app.vendor, 'Anthropic');
    assert.deepEqual(server.calls.map((c) => [c.method, c.path, c.auth]).sort(), [['GET', '/foundation-models', 'sigv4'], ['GET', '/inference-profiles', 'sigv4']]);
  });

  it('reads every page of inference profiles and picks the region\'s geography', async () => {
    const many = [
      ...Array.from({ length: 230 }, (_, i) => ({ ...defaultInferenceProfiles('eu-west-1', '1')[0]!, inferenceProfileId: `eu.filler-${i}`, inferenceProfileName: `filler ${i}` })),
      ...defaultInferenceProfiles('eu-west-1', '123456789012'),
    ];
    const eu = await startBedrockServer({ credentials: CREDS, region: 'eu-west-1', inferenceProfiles: many });
    try {
      const models = await createBedrockClient(bedrockProfile(eu, { region: 'eu-west-1' }), serverDeps(eu)).listModels();
      assert.equal(models.find((m) => m.id === SONNET_45)!.inferenceProfile, `eu.${SONNET_45}`);
      assert.equal(eu.calls.filter((c) => c.path === '/inference-profiles').length, 3);
    } finally {
      await eu.close();
    }
  });

  it('lists models with a Bedrock API key too', async () => {
    const models = await createBedrockClient(bedrockProfile(server, { auth: { type: 'apiKey' } }), testDeps({ AWS_BEARER_TOKEN_BEDROCK: 'ABSKY2F0YWxvZy10ZXN0LWtleS0wMDAwMDAwMQ', AWS_ENDPOINT_URL_BEDROCK: server.url })).listModels();
    assert.ok(models.length > 0);
    assert.ok(server.calls.every((c) => c.auth === 'bearer'));
  });

  it('whoami returns the STS caller ARN, the account and how the credentials were found', async () => {
    const me = await createBedrockClient(bedrockProfile(server), serverDeps(server)).whoami();
    assert.deepEqual(me, { provider: 'bedrock', principal: 'arn:aws:sts::123456789012:assumed-role/Developer/alice', account: '123456789012', source: 'env' });
    assert.deepEqual(server.calls.map((c) => [c.method, c.path, c.auth]), [['POST', '/', 'sigv4']]);
  });

  it('whoami with a wrong secret → authInvalid from STS\'s own error shape', async () => {
    const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server, { AWS_SECRET_ACCESS_KEY: 'wrong-secret-wrong-secret-wrong-secret-00' })).whoami());
    assert.equal(error.kind, 'authInvalid');
    assert.match(error.message, /signature/i);
  });

  it('listModels with an unknown key → authInvalid', async () => {
    const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server, { AWS_ACCESS_KEY_ID: 'AKIDUNKNOWN000000000' })).listModels());
    assert.equal(error.kind, 'authInvalid');
  });
});
