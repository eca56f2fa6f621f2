// OpenAI models on Bedrock: GPT-5.4/5.5 only on bedrock-mantle's Responses API, GPT-5.6+ on
// bedrock-runtime's /openai/v1 — never Converse for the ones Converse refuses. The loopback servers are
// first checked with clients we did not write (the openai SDK's own Bedrock provider and the AWS SDK),
// then Crosswind's adapter is driven against them.
import assert from 'node:assert/strict';
import { ConverseStreamCommand, BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import { bedrock } from 'openai/providers/bedrock/aws';
import { createBedrockClient } from '../../../src/providers/bedrock';
import { startBedrockOpenAIServer, type BedrockOpenAIServer } from '../../support/bedrock-openai-server';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { bedrockProfile, collect, CREDS, failureOf, testDeps, textOf, userRequest } from './bedrock-test-kit';

const REGION = 'us-east-2';
const API_KEY = 'bedrock-api-key-loopback-0000-wxyz';
const READ_TOOL = { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };

describe('Bedrock OpenAI routes — the loopback servers, checked with clients we did not write', () => {
  let mantle: BedrockOpenAIServer;
  let converse: BedrockServer;
  before(async () => {
    mantle = await startBedrockOpenAIServer({ route: 'mantle', credentials: CREDS, bearerToken: API_KEY, region: REGION });
    converse = await startBedrockServer({ credentials: CREDS, region: REGION });
  });
  after(async () => {
    await mantle.close();
    await converse.close();
  });

  it("the openai SDK's own Bedrock provider (SigV4 bedrock-mantle) streams a response from the mantle server", async () => {
    mantle.script([{ steps: [{ type: 'text', text: 'hello from mantle' }] }]);
    const sdk = new OpenAI({ provider: bedrock({ region: REGION, baseURL: mantle.baseUrl, accessKeyId: CREDS.accessKeyId, secretAccessKey: CREDS.secretAccessKey }), maxRetries: 0 });
    let text = '';
    for await (const e of await sdk.responses.create({ model: 'openai.gpt-5.5', input: 'hi', stream: true })) if (e.type === 'response.output_text.delta') text += e.delta;
    assert.equal(text, 'hello from mantle');
    const call = mantle.calls.at(-1)!;
    assert.equal(call.auth, 'sigv4');
    assert.equal(call.service, 'bedrock-mantle');
  });

  it("the SDK's provider with a Bedrock API key is accepted as bearer; a wrong key and a wrong secret are refused", async () => {
    mantle.script([{ steps: [{ type: 'text', text: 'ok' }] }]);
    const good = new OpenAI({ provider: bedrock({ region: REGION, baseURL: mantle.baseUrl, apiKey: API_KEY }), maxRetries: 0 });
    await good.responses.create({ model: 'openai.gpt-5.4', input: 'hi', stream: true }).then(async (s) => {
      for await (const e of s) void e;
    });
    assert.equal(mantle.calls.at(-1)!.auth, 'bearer');
    const badKey = new OpenAI({ provider: bedrock({ region: REGION, baseURL: mantle.baseUrl, apiKey: 'not-the-key' }), maxRetries: 0 });
    await assert.rejects(badKey.responses.create({ model: 'openai.gpt-5.4', input: 'hi', stream: true }), (e: unknown) => e instanceof OpenAI.APIError && e.status === 403);
    const badSecret = new OpenAI({ provider: bedrock({ region: REGION, baseURL: mantle.baseUrl, accessKeyId: CREDS.accessKeyId, secretAccessKey: 'wrong/secret' }), maxRetries: 0 });
    await assert.rejects(badSecret.responses.create({ model: 'openai.gpt-5.4', input: 'hi', stream: true }), (e: unknown) => e instanceof OpenAI.APIError && e.status === 403);
  });

  it('mantle refuses an effort the model does not take, in the OpenAI error shape', async () => {
    const sdk = new OpenAI({ provider: bedrock({ region: REGION, baseURL: mantle.baseUrl, apiKey: API_KEY }), maxRetries: 0 });
    await assert.rejects(sdk.responses.create({ model: 'openai.gpt-5.4', input: 'hi', stream: true, reasoning: { effort: 'xhigh' } }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.APIError);
      assert.equal(e.status, 400);
      assert.equal(e.code, 'unsupported_value');
      assert.match(e.message, /Supported values are: 'minimal', 'low', 'medium', and 'high'/);
      return true;
    });
  });

  it('Converse (the AWS SDK) is refused for openai.gpt-5.5, as the model card says', async () => {
    const runtime = new BedrockRuntimeClient({ region: REGION, endpoint: converse.url, credentials: CREDS, maxAttempts: 1 });
    try {
      await assert.rejects(
        runtime.send(new ConverseStreamCommand({ modelId: 'openai.gpt-5.5', messages: [{ role: 'user', content: [{ text: 'hi' }] }] })),
        (e: Error) => e.name === 'ValidationException' && /doesn't support the model/.test(e.message),
      );
    } finally {
      runtime.destroy();
    }
  });
});

describe('Bedrock OpenAI routes — the adapter', () => {
  let mantle: BedrockOpenAIServer;
  let runtime: BedrockOpenAIServer;
  before(async () => {
    mantle = await startBedrockOpenAIServer({ route: 'mantle', credentials: CREDS, bearerToken: API_KEY, region: REGION });
    runtime = await startBedrockOpenAIServer({ route: 'runtime', credentials: CREDS, bearerToken: API_KEY, region: REGION });
  });
  after(async () => {
    await mantle.close();
    await runtime.close();
  });

  const chainEnv = { HOME: '/nonexistent-home', AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey };

  it('GPT-5.5 with AWS credentials: Responses on mantle, signed for bedrock-mantle, tool call and usage mapped', async () => {
    mantle.script([{ steps: [{ type: 'toolCall', name: 'read_file', input: { path: 'a.ts' } }], usage: { input: 1200, output: 30, cacheRead: 200 } }]);
    const client = createBedrockClient(bedrockProfile(undefined, { model: 'openai.gpt-5.5', region: REGION, mantleEndpoint: mantle.baseUrl }), testDeps(chainEnv));
    const events = await collect(client.stream(userRequest('read a.ts', { tools: [READ_TOOL], conversationId: 'thr_mantle_1' })));
    const end = events.find((e) => e.type === 'toolCallEnd');
    assert.deepEqual(end && end.type === 'toolCallEnd' ? end.input : undefined, { path: 'a.ts' });
    assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 1200, outputTokens: 30, cacheReadTokens: 200, cacheWriteTokens: 0, reasoningTokens: 0 } });
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'toolUse' });
    const call = mantle.calls.at(-1)!;
    assert.equal(call.service, 'bedrock-mantle');
    assert.equal(call.path, '/openai/v1/responses');
    const raw = mantle.requests.at(-1)!.raw as Record<string, unknown>;
    assert.equal(raw.model, 'openai.gpt-5.5');
    assert.equal(raw.prompt_cache_key, 'thr_mantle_1', 'a stable prompt_cache_key per thread');
    assert.equal(raw.store, false);
  });

  it('GPT-5.5 with a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) and AWS_BEDROCK_BASE_URL', async () => {
    mantle.script([{ steps: [{ type: 'text', text: 'keyed' }] }]);
    const deps = testDeps({ HOME: '/nonexistent-home', AWS_BEARER_TOKEN_BEDROCK: API_KEY, AWS_BEDROCK_BASE_URL: mantle.baseUrl });
    const client = createBedrockClient(bedrockProfile(undefined, { model: 'openai.gpt-5.5', region: REGION, auth: { type: 'apiKey' } }), deps);
    assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'keyed');
    assert.equal(mantle.calls.at(-1)!.auth, 'bearer');
  });

  it('maps an effort GPT-5.5 on Bedrock does not take to the nearest it does (xhigh → high, none → refused before any request)', async () => {
    mantle.script([{ steps: [{ type: 'text', text: 'thought hard' }] }]);
    const client = createBedrockClient(bedrockProfile(undefined, { model: 'openai.gpt-5.5', region: REGION, mantleEndpoint: mantle.baseUrl }), testDeps(chainEnv));
    assert.equal(textOf(await collect(client.stream(userRequest('q', { reasoningEffort: 'xhigh' })))), 'thought hard');
    assert.deepEqual((mantle.requests.at(-1)!.raw as { reasoning: unknown }).reasoning, { effort: 'high', summary: 'auto' });
    const before = mantle.calls.length;
    const error = await failureOf(client.stream(userRequest('q', { reasoningEffort: 'none' })));
    assert.equal(error.kind, 'configuration');
    assert.match(error.message, /'minimal', 'low', 'medium', 'high'/);
    assert.equal(mantle.calls.length, before, 'no request was sent');
  });

  it('GPT-5.6 goes to bedrock-runtime /openai/v1 with its cross-region id, signed for service bedrock', async () => {
    runtime.script([{ steps: [{ type: 'text', text: 'from runtime' }] }]);
    const east2 = createBedrockClient(bedrockProfile(undefined, { model: 'global.openai.gpt-5.6-sol', region: REGION, endpoint: runtime.url }), testDeps(chainEnv));
    assert.equal(textOf(await collect(east2.stream(userRequest('hi', { reasoningEffort: 'max' })))), 'from runtime');
    const call = runtime.calls.at(-1)!;
    assert.equal(call.service, 'bedrock');
    assert.equal(call.path, '/openai/v1/responses');
    assert.equal((runtime.requests.at(-1)!.raw as { model: string }).model, 'global.openai.gpt-5.6-sol');
    assert.deepEqual((runtime.requests.at(-1)!.raw as { reasoning: unknown }).reasoning, { effort: 'max', summary: 'auto' });
  });

  it('a bare openai.gpt-5.6 id gets its us. cross-region prefix on the runtime route', async () => {
    runtime.script([{ steps: [{ type: 'text', text: 'prefixed' }] }]);
    const client = createBedrockClient(bedrockProfile(undefined, { model: 'openai.gpt-5.6-sol', region: REGION, endpoint: runtime.url }), testDeps({ ...chainEnv }));
    assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'prefixed');
    assert.equal((runtime.requests.at(-1)!.raw as { model: string }).model, 'us.openai.gpt-5.6-sol');
  });
});
