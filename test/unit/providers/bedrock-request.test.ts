// What the Bedrock adapter sends: cache points, per-family reasoning fields, inference-profile ids and
// a history Converse accepts whatever the engine's conversation looks like. The loopback server rejects
// an invalid history the way Bedrock does, so every request here doubles as a validity check.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ConversationItem } from '../../../src/core/model/types';
import { createBedrockClient, resolveBedrockModelId } from '../../../src/providers/bedrock';
import { toConverseMessages } from '../../../src/providers/bedrock/conversation-mapping';
import { type BedrockServer, startBedrockServer } from '../../support/bedrock-server';
import { validateConverse } from '../../support/bedrock-converse-check';
import { CREDS, REGION, bedrockProfile, collect, serverDeps, userRequest } from './bedrock-test-kit';

const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const TOOL = { name: 'grep_files', description: 'Search', parameters: { type: 'object', properties: { q: { type: 'string' } } } };
const CACHE = { cachePoint: { type: 'default' } };

type Raw = {
  system?: unknown[];
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
  toolConfig?: { tools: unknown[] };
  inferenceConfig?: Record<string, unknown>;
  additionalModelRequestFields?: Record<string, unknown>;
};

describe('Bedrock adapter: request mapping', () => {
  let server: BedrockServer;
  before(async () => {
    server = await startBedrockServer({ credentials: CREDS, region: REGION });
  });
  after(async () => {
    await server.close();
  });
  afterEach(() => {
    server.requests.length = 0;
  });

  async function send(model: string, request: Parameters<ReturnType<typeof createBedrockClient>['stream']>[0], overrides = {}): Promise<Raw> {
    server.script([{ steps: [{ type: 'text', text: 'ok' }] }]);
    await collect(createBedrockClient(bedrockProfile(server, { model, ...overrides }), serverDeps(server)).stream(request));
    return server.requests.at(-1)!.raw as Raw;
  }

  describe('prompt caching', () => {
    const request = userRequest('', {
      tools: [TOOL],
      items: [{ type: 'user', text: 'first' }, { type: 'assistant', text: 'answer' }, { type: 'user', text: 'second' }],
    });

    it('puts cache points after the system prompt, after the tools and on the last user message for Claude', async () => {
      const raw = await send(SONNET_45, request);
      assert.deepEqual(raw.system, [{ text: 'You are a test.' }, CACHE]);
      assert.deepEqual(raw.toolConfig!.tools.at(-1), CACHE);
      assert.equal(raw.toolConfig!.tools.length, 2);
      assert.deepEqual(raw.messages.at(-1)!.content, [{ text: 'second' }, CACHE]);
      assert.deepEqual(raw.messages[0]!.content, [{ text: 'first' }], 'only the last user message gets one');
    });

    it('leaves the tools without a cache point for Nova, which caches system and messages only', async () => {
      const raw = await send('amazon.nova-pro-v1:0', request);
      assert.deepEqual(raw.system, [{ text: 'You are a test.' }, CACHE]);
      assert.equal(raw.toolConfig!.tools.length, 1);
      assert.deepEqual(raw.messages.at(-1)!.content.at(-1), CACHE);
    });

    it('sends no cache point to models without caching, when the profile turns it off, or when the request does', async () => {
      for (const raw of [
        await send('meta.llama3-3-70b-instruct-v1:0', request),
        await send(SONNET_45, request, { disablePromptCache: true }),
        await send(SONNET_45, { ...request, promptCache: false }),
      ]) {
        assert.ok(!JSON.stringify(raw).includes('cachePoint'));
      }
    });
  });

  describe('reasoning fields per model family', () => {
    it('gives gpt-oss reasoning_effort, newer OpenAI models reasoning.effort', async () => {
      assert.deepEqual((await send('openai.gpt-oss-120b-1:0', userRequest('q', { reasoningEffort: 'minimal' }))).additionalModelRequestFields, { reasoning_effort: 'low' });
      assert.deepEqual((await send('openai.gpt-5-1:0', userRequest('q', { reasoningEffort: 'high' }))).additionalModelRequestFields, { reasoning: { effort: 'high' } });
    });

    it('gives Nova 2 its reasoningConfig, without maxTokens at high effort', async () => {
      const medium = await send('amazon.nova-2-lite-v1:0', userRequest('q', { reasoningEffort: 'medium', maxOutputTokens: 4000 }));
      assert.deepEqual(medium.additionalModelRequestFields, { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'medium' } });
      assert.deepEqual(medium.inferenceConfig, { maxTokens: 4000 });
      const high = await send('amazon.nova-2-lite-v1:0', userRequest('q', { reasoningEffort: 'high', maxOutputTokens: 4000 }));
      assert.equal(high.inferenceConfig, undefined);
    });

    it('keeps a Claude thinking budget below the caller\'s output limit, and drops it when no room is left', async () => {
      const fitted = await send(SONNET_45, userRequest('q', { reasoningEffort: 'high', maxOutputTokens: 6000 }));
      assert.deepEqual(fitted.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 4976 } });
      assert.deepEqual(fitted.inferenceConfig, { maxTokens: 6000 });
      const tight = await send(SONNET_45, userRequest('q', { reasoningEffort: 'high', maxOutputTokens: 1500 }));
      assert.equal(tight.additionalModelRequestFields, undefined);
    });

    it('sends nothing model-specific to Llama or to Claude 3.5, whatever the effort', async () => {
      assert.equal((await send('meta.llama3-3-70b-instruct-v1:0', userRequest('q', { reasoningEffort: 'high' }))).additionalModelRequestFields, undefined);
      assert.equal((await send('anthropic.claude-3-5-sonnet-20240620-v1:0', userRequest('q', { reasoningEffort: 'high' }))).additionalModelRequestFields, undefined);
    });
  });

  describe('inference profiles', () => {
    it('prefixes a model that needs a profile for the region, in the request URL and servedBy', async () => {
      const eu = await startBedrockServer({ credentials: CREDS, region: 'eu-west-1' });
      try {
        eu.script([{ steps: [{ type: 'text', text: 'bonjour' }] }]);
        const client = createBedrockClient(bedrockProfile(eu, { model: SONNET_45, region: 'eu-west-1' }), serverDeps(eu));
        await collect(client.stream(userRequest('hi')));
        assert.equal(eu.requests[0]!.model, `eu.${SONNET_45}`);
        assert.equal(client.servedBy.model, `eu.${SONNET_45}`);
        assert.equal(client.servedBy.location, 'eu-west-1');
      } finally {
        await eu.close();
      }
    });

    it('passes a full inference-profile ARN through unchanged', async () => {
      const arn = `arn:aws:bedrock:${REGION}:123456789012:application-inference-profile/abc123team`;
      await send(arn, userRequest('hi'));
      assert.equal(server.requests.at(-1)!.model, arn);
    });

    it('maps regions to geographic prefixes and honours known profile lists', () => {
      const cases: Array<[string, string, string]> = [
        [SONNET_45, 'us-west-2', `us.${SONNET_45}`],
        [SONNET_45, 'ca-central-1', `us.${SONNET_45}`],
        [SONNET_45, 'eu-central-1', `eu.${SONNET_45}`],
        [SONNET_45, 'ap-northeast-1', `apac.${SONNET_45}`],
        [SONNET_45, 'us-gov-west-1', `us-gov.${SONNET_45}`],
        [SONNET_45, 'sa-east-1', SONNET_45],
        ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'us-east-1', 'anthropic.claude-3-5-sonnet-20240620-v1:0'],
        [`global.${SONNET_45}`, 'eu-west-1', `global.${SONNET_45}`],
        [`us.${SONNET_45}`, 'eu-west-1', `us.${SONNET_45}`],
        ['arn:aws:bedrock:us-east-1::foundation-model/x', 'eu-west-1', 'arn:aws:bedrock:us-east-1::foundation-model/x'],
      ];
      for (const [id, region, expected] of cases) assert.equal(resolveBedrockModelId(id, region), expected, `${id} in ${region}`);
      assert.equal(resolveBedrockModelId(SONNET_45, 'ap-northeast-1', [`jp.${SONNET_45}`, `apac.${SONNET_45}`]), `jp.${SONNET_45}`);
      assert.equal(resolveBedrockModelId(SONNET_45, 'sa-east-1', [`global.${SONNET_45}`]), `global.${SONNET_45}`);
      assert.equal(resolveBedrockModelId('amazon.nova-lite-v1:0', 'eu-west-1', ['eu.amazon.nova-lite-v1:0']), 'eu.amazon.nova-lite-v1:0');
      assert.equal(resolveBedrockModelId('amazon.nova-lite-v1:0', 'eu-west-1', []), 'amazon.nova-lite-v1:0');
    });
  });

  describe('history repair', () => {
    it('answers an interrupted tool call, turns an orphan result into text, merges and trims what Converse refuses', async () => {
      const raw = await send(SONNET_45, userRequest('', {
        tools: [TOOL],
        items: [
          { type: 'assistant', text: 'Earlier answer from a compacted history.' },
          { type: 'user', text: 'find foo' },
          { type: 'user', text: '   ' },
          { type: 'toolCall', callId: 'c1', name: 'grep_files', input: { q: 'foo' }, rawArguments: '{"q":"foo"}' },
          { type: 'user', text: 'stop, search bar instead' },
          { type: 'toolResult', callId: 'ghost', output: 'stale', isError: false },
          { type: 'assistant', text: '' },
        ],
      }), { disablePromptCache: true });
      assert.deepEqual(raw.messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'user']);
      assert.deepEqual(raw.messages[0]!.content, [{ text: '(continuing the conversation)' }]);
      assert.deepEqual(raw.messages[4]!.content, [
        { toolResult: { toolUseId: 'c1', content: [{ text: 'The tool call was interrupted before it returned a result.' }], status: 'error' } },
        { text: 'stop, search bar instead' },
        { text: '[Result of tool call ghost]\nstale' },
      ]);
    });

    it('turns tool history into text when the request defines no tools, so no toolConfig is needed', async () => {
      const raw = await send(SONNET_45, userRequest('', {
        items: [
          { type: 'user', text: 'summarise' },
          { type: 'toolCall', callId: 'c1', name: 'grep_files', input: { q: 'foo' }, rawArguments: '{"q":"foo"}' },
          { type: 'toolResult', callId: 'c1', output: 'a.ts:1', isError: false },
        ],
      }));
      assert.equal(raw.toolConfig, undefined);
      assert.deepEqual(raw.messages[1]!.content, [{ text: '[Called tool grep_files with arguments {"q":"foo"}]' }]);
      assert.match(JSON.stringify(raw.messages[2]), /Result of tool call c1/);
    });

    it('produces a history Converse accepts from any sequence of conversation items', () => {
      const ids = fc.constantFrom('a', 'b', 'c');
      const item: fc.Arbitrary<ConversationItem> = fc.oneof(
        fc.record({ type: fc.constant('user' as const), text: fc.constantFrom('hi', '', ' ', 'more') }),
        fc.record({ type: fc.constant('assistant' as const), text: fc.constantFrom('ok', '', 'sure') }),
        fc.record({
          type: fc.constant('toolCall' as const), callId: ids, name: fc.constant('grep_files'),
          input: fc.constant({ q: 'x' }), rawArguments: fc.constant('{"q":"x"}'),
        }),
        fc.record({ type: fc.constant('toolResult' as const), callId: ids, output: fc.constantFrom('out', ''), isError: fc.boolean() }),
        fc.record({
          type: fc.constant('reasoning' as const), text: fc.constant('t'),
          origin: fc.constantFrom({ provider: 'bedrock' as const, model: SONNET_45 }, { provider: 'openai' as const, model: 'gpt-5' }),
          signature: fc.constant('sig'),
        }),
      );
      fc.assert(
        fc.property(fc.array(item, { minLength: 1, maxLength: 14 }), fc.boolean(), (items, toolsDefined) => {
          fc.pre(items.some((i) => i.type === 'user' && i.text.trim() !== ''));
          const messages = toConverseMessages(items, { toolsDefined, replayReasoning: (r) => r.origin.provider === 'bedrock', toolResultStatus: true });
          const body = JSON.parse(JSON.stringify({ messages, ...(toolsDefined ? { toolConfig: { tools: [{ toolSpec: { name: 'grep_files', inputSchema: { json: {} } } }] } } : {}) }));
          // Converse also needs the history to end with the user (the engine always asks after a user turn or tool results).
          if (body.messages.at(-1).role === 'assistant') body.messages.push({ role: 'user', content: [{ text: 'continue' }] });
          assert.equal(validateConverse(body), undefined, JSON.stringify(items));
        }),
        { numRuns: 400 },
      );
    });
  });
});
