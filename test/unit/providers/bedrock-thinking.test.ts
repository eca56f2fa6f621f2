// Claude's thinking on Converse as AWS documents it: manual extended thinking with the interleaved-
// thinking beta on Claude 4.x when tools are defined; adaptive thinking with output_config.effort on
// Opus/Sonnet 4.6 and the adaptive-only models; effort values outside a model's set never sent.
import assert from 'node:assert/strict';
import { createBedrockClient } from '../../../src/providers/bedrock';
import { type BedrockServer, startBedrockServer } from '../../support/bedrock-server';
import { CREDS, REGION, bedrockProfile, collect, failureOf, serverDeps, userRequest } from './bedrock-test-kit';

const TOOL = { name: 'grep_files', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string' } } } };
type Raw = { additionalModelRequestFields?: Record<string, unknown>; inferenceConfig?: Record<string, unknown> };

describe('Bedrock adapter: Claude thinking', () => {
  let server: BedrockServer;
  before(async () => {
    server = await startBedrockServer({ credentials: CREDS, region: REGION });
  });
  after(() => server.close());

  async function send(model: string, request: Parameters<ReturnType<typeof createBedrockClient>['stream']>[0]): Promise<Raw> {
    server.script([{ steps: [{ type: 'text', text: 'ok' }] }]);
    await collect(createBedrockClient(bedrockProfile(server, { model }), serverDeps(server)).stream(request));
    return server.requests.at(-1)!.raw as Raw;
  }

  it('Claude Sonnet 4.5 with tools: a thinking budget and the interleaved-thinking beta; without tools no beta', async () => {
    const withTools = await send('anthropic.claude-sonnet-4-5-20250929-v1:0', userRequest('q', { reasoningEffort: 'high', tools: [TOOL] }));
    assert.deepEqual(withTools.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 16384 }, anthropic_beta: ['interleaved-thinking-2025-05-14'] });
    const plain = await send('anthropic.claude-sonnet-4-5-20250929-v1:0', userRequest('q', { reasoningEffort: 'high' }));
    assert.deepEqual(plain.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 16384 } });
  });

  it('Claude Opus 4.6 takes adaptive thinking; xhigh (which it does not take) is sent as max', async () => {
    const raw = await send('us.anthropic.claude-opus-4-6-v1', userRequest('q', { reasoningEffort: 'xhigh', tools: [TOOL] }));
    assert.deepEqual(raw.additionalModelRequestFields, { thinking: { type: 'adaptive' }, output_config: { effort: 'max' } });
  });

  it("Claude Opus 4.7: 'none' sends no thinking at all (never thinking.type disabled, which it refuses); minimal → low", async () => {
    const none = await send('us.anthropic.claude-opus-4-7', userRequest('q', { reasoningEffort: 'none' }));
    assert.equal(none.additionalModelRequestFields, undefined);
    const minimal = await send('us.anthropic.claude-opus-4-7', userRequest('q', { reasoningEffort: 'minimal' }));
    assert.deepEqual(minimal.additionalModelRequestFields, { thinking: { type: 'adaptive' }, output_config: { effort: 'low' } });
  });

  it("an always-reasoning model refuses 'none' before any request", async () => {
    const before = server.requests.length;
    const error = await failureOf(createBedrockClient(bedrockProfile(server, { model: 'openai.gpt-oss-120b-1:0' }), serverDeps(server)).stream(userRequest('q', { reasoningEffort: 'none' })));
    assert.equal(error.kind, 'configuration');
    assert.match(error.message, /'low', 'medium', 'high'/);
    assert.equal(server.requests.length, before);
  });
});
