// The Bedrock adapter end to end through the real BedrockRuntimeClient against the loopback Bedrock:
// text, tool calls, reasoning (and its replay), usage, guardrails, and the Converse fallback.
import assert from 'node:assert/strict';
import type { ModelEvent } from '../../../src/core/model/types';
import { createBedrockClient } from '../../../src/providers/bedrock';
import { type BedrockServer, reasoningSignature, startBedrockServer } from '../../support/bedrock-server';
import { CREDS, REGION, bedrockProfile, collect, failureOf, serverDeps, textOf, userRequest } from './bedrock-test-kit';

const CLAUDE_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const READ_FILE = { name: 'read_file', description: 'Reads a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };

type Raw = { messages: Array<{ role: string; content: Array<Record<string, unknown>> }>; [k: string]: unknown };
const rawOf = (server: BedrockServer, i: number) => server.requests[i]!.raw as Raw;

describe('Bedrock adapter: streaming through ConverseStream', () => {
  let server: BedrockServer;
  before(async () => {
    server = await startBedrockServer({ credentials: CREDS, region: REGION });
  });
  after(async () => {
    await server.close();
  });
  afterEach(() => {
    assert.equal(server.pending(), 0, 'every scripted response was used');
    server.requests.length = 0;
    server.calls.length = 0;
  });

  it('streams text deltas, usage and the stop reason over HTTP/2 with a verified SigV4 signature', async () => {
    server.script([{ steps: [{ type: 'text', text: 'Hello from Bedrock!', chunks: 4 }], usage: { input: 21, output: 7 } }]);
    const client = createBedrockClient(bedrockProfile(server), serverDeps(server));
    const events = await collect(client.stream(userRequest('Say hello')));

    assert.equal(textOf(events), 'Hello from Bedrock!');
    assert.equal(events.filter((e) => e.type === 'textDelta').length, 4);
    assert.deepEqual(events.at(-2), { type: 'usage', usage: { inputTokens: 21, outputTokens: 7, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } });
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'endTurn' });
    assert.deepEqual(server.calls.map((c) => [c.auth, c.httpVersion]), [['sigv4', '2.0']]);
    const req = server.requests[0]!;
    assert.equal(req.model, 'anthropic.claude-3-5-sonnet-20240620-v1:0');
    assert.equal(req.system, 'You are a test.');
    assert.deepEqual(req.messages, [{ role: 'user', text: 'Say hello' }]);
    assert.deepEqual(client.servedBy, { profile: 'bedrock-test', provider: 'bedrock', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', location: REGION });
  });

  it('streams a tool call and sends its result back in a history the service accepts', async () => {
    server.script([
      { steps: [{ type: 'text', text: 'Let me look.' }, { type: 'toolCall', name: 'read_file', input: { path: 'src/a.ts' }, callId: 'tooluse_A1' }], usage: { input: 30, output: 12 } },
      {
        steps: [{ type: 'text', text: 'It exports foo.' }],
        expect: (r) => {
          assert.deepEqual(r.messages.slice(1), [
            { role: 'assistant', text: 'Let me look.' },
            { role: 'assistant', toolCall: { id: 'tooluse_A1', name: 'read_file', input: { path: 'src/a.ts' } } },
            { role: 'tool', toolResult: { id: 'tooluse_A1', output: 'export const foo = 1;', isError: false } },
          ]);
        },
      },
    ]);
    const client = createBedrockClient(bedrockProfile(server), serverDeps(server));
    const first = await collect(client.stream(userRequest('What does a.ts export?', { tools: [READ_FILE] })));
    const calls = first.filter((e) => e.type.startsWith('toolCall'));
    assert.deepEqual(calls[0], { type: 'toolCallStart', callId: 'tooluse_A1', name: 'read_file' });
    assert.equal(calls.filter((e) => e.type === 'toolCallDelta').map((e) => (e as { argumentsDelta: string }).argumentsDelta).join(''), '{"path":"src/a.ts"}');
    const end = first.find((e): e is Extract<ModelEvent, { type: 'toolCallEnd' }> => e.type === 'toolCallEnd')!;
    assert.deepEqual(end, { type: 'toolCallEnd', callId: 'tooluse_A1', name: 'read_file', input: { path: 'src/a.ts' }, rawArguments: '{"path":"src/a.ts"}' });
    assert.deepEqual(first.at(-1), { type: 'stop', reason: 'toolUse' });
    assert.deepEqual(server.requests[0]!.toolNames, ['read_file']);

    const second = await collect(client.stream(userRequest('What does a.ts export?', {
      tools: [READ_FILE],
      items: [
        { type: 'user', text: 'What does a.ts export?' },
        { type: 'assistant', text: 'Let me look.' },
        { type: 'toolCall', callId: end.callId, name: end.name, input: end.input, rawArguments: end.rawArguments },
        { type: 'toolResult', callId: end.callId, output: 'export const foo = 1;', isError: false },
      ],
    })));
    assert.equal(textOf(second), 'It exports foo.');
    // Claude takes toolResult.status; a failed tool is marked as such.
    const toolResult = rawOf(server, 1).messages[2]!.content[0]!.toolResult as Record<string, unknown>;
    assert.equal(toolResult.status, undefined);
  });

  it('marks a failed tool result with status error for Claude and in the text for models without status', async () => {
    const items = [
      { type: 'user' as const, text: 'run it' },
      { type: 'toolCall' as const, callId: 't1', name: 'read_file', input: { path: 'x' }, rawArguments: '{"path":"x"}' },
      { type: 'toolResult' as const, callId: 't1', output: 'ENOENT', isError: true },
    ];
    server.script([{ steps: [{ type: 'text', text: 'ok' }] }, { steps: [{ type: 'text', text: 'ok' }] }]);
    await collect(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('', { items, tools: [READ_FILE] })));
    await collect(createBedrockClient(bedrockProfile(server, { model: 'amazon.nova-pro-v1:0' }), serverDeps(server)).stream(userRequest('', { items, tools: [READ_FILE] })));
    assert.deepEqual(rawOf(server, 0).messages[2]!.content[0], { toolResult: { toolUseId: 't1', content: [{ text: 'ENOENT' }], status: 'error' } });
    assert.deepEqual(rawOf(server, 1).messages[2]!.content[0], { toolResult: { toolUseId: 't1', content: [{ text: 'Error: ENOENT' }] } });
  });

  it('ends a tool call whose arguments are not valid JSON with input null and the raw text', async () => {
    server.script([{
      events: [
        { type: 'messageStart', body: { role: 'assistant' } },
        { type: 'contentBlockStart', body: { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'tu_bad', name: 'read_file' } } } },
        { type: 'contentBlockDelta', body: { contentBlockIndex: 0, delta: { toolUse: { input: '{"path": "a.ts"' } } } },
        { type: 'contentBlockStop', body: { contentBlockIndex: 0 } },
        { type: 'messageStop', body: { stopReason: 'tool_use' } },
        { type: 'metadata', body: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } } },
      ],
    }]);
    const events = await collect(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('go', { tools: [READ_FILE] })));
    assert.deepEqual(events.find((e) => e.type === 'toolCallEnd'), { type: 'toolCallEnd', callId: 'tu_bad', name: 'read_file', input: null, rawArguments: '{"path": "a.ts"' });
  });

  it('asks Claude to think, streams its reasoning and replays the signed block on the next request', async () => {
    const thought = 'The user wants the exports, so read the file first.';
    server.script([
      { steps: [{ type: 'reasoning', text: thought }, { type: 'toolCall', name: 'read_file', input: { path: 'a.ts' }, callId: 'tu_1' }] },
      { steps: [{ type: 'text', text: 'foo' }] },
    ]);
    const profile = bedrockProfile(server, { model: CLAUDE_37, region: REGION, reasoningEffort: 'medium' });
    const client = createBedrockClient(profile, serverDeps(server));
    const first = await collect(client.stream(userRequest('exports?', { tools: [READ_FILE] })));

    assert.equal(client.servedBy.model, `us.${CLAUDE_37}`);
    const fields = rawOf(server, 0).additionalModelRequestFields as Record<string, unknown>;
    assert.deepEqual(fields, { thinking: { type: 'enabled', budget_tokens: 8192 } });
    assert.deepEqual(rawOf(server, 0).inferenceConfig, { maxTokens: 8192 + 8192 });
    assert.equal(first.filter((e) => e.type === 'reasoningDelta').map((e) => (e as { text: string }).text).join(''), thought);
    const reasoning = first.find((e): e is Extract<ModelEvent, { type: 'reasoning' }> => e.type === 'reasoning')!.item;
    assert.deepEqual(reasoning, { type: 'reasoning', text: thought, origin: { provider: 'bedrock', model: `us.${CLAUDE_37}` }, signature: reasoningSignature(thought) });

    await collect(client.stream(userRequest('exports?', {
      tools: [READ_FILE],
      items: [
        { type: 'user', text: 'exports?' },
        reasoning,
        { type: 'toolCall', callId: 'tu_1', name: 'read_file', input: { path: 'a.ts' }, rawArguments: '{"path":"a.ts"}' },
        { type: 'toolResult', callId: 'tu_1', output: 'export const foo = 1', isError: false },
      ],
    })));
    const assistant = rawOf(server, 1).messages[1]!;
    assert.deepEqual(assistant.content[0], { reasoningContent: { reasoningText: { text: thought, signature: reasoningSignature(thought) } } });
    assert.ok(assistant.content[1]!.toolUse);
    assert.ok(rawOf(server, 1).additionalModelRequestFields, 'thinking stays on while its blocks are replayed');
  });

  it('drops reasoning that came from another provider and leaves thinking off for that tool loop', async () => {
    server.script([{ steps: [{ type: 'text', text: 'done' }] }]);
    const deps = serverDeps(server);
    const client = createBedrockClient(bedrockProfile(server, { model: CLAUDE_37, reasoningEffort: 'high' }), deps);
    await collect(client.stream(userRequest('', {
      tools: [READ_FILE],
      items: [
        { type: 'user', text: 'exports?' },
        { type: 'reasoning', text: 'openai summary', origin: { provider: 'openai', model: 'gpt-5' }, responseItemId: 'rs_1', encryptedContent: 'enc' },
        { type: 'toolCall', callId: 'call_1', name: 'read_file', input: { path: 'a.ts' }, rawArguments: '{"path":"a.ts"}' },
        { type: 'toolResult', callId: 'call_1', output: 'x', isError: false },
      ],
    })));
    const raw = rawOf(server, 0);
    assert.ok(raw.messages.every((m) => m.content.every((b) => !('reasoningContent' in b))));
    assert.equal(raw.additionalModelRequestFields, undefined);
    assert.ok(deps.logs.some((l) => JSON.stringify(l.fields).includes('thinking left off')));
  });

  it('keeps redacted reasoning as base64 and sends the same bytes back', async () => {
    const bytes = Buffer.from('opaque-encrypted-thinking');
    server.script([{
      events: [
        { type: 'messageStart', body: { role: 'assistant' } },
        { type: 'contentBlockDelta', body: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: bytes.toString('base64') } } } },
        { type: 'contentBlockStop', body: { contentBlockIndex: 0 } },
        { type: 'contentBlockDelta', body: { contentBlockIndex: 1, delta: { text: 'answer' } } },
        { type: 'contentBlockStop', body: { contentBlockIndex: 1 } },
        { type: 'messageStop', body: { stopReason: 'end_turn' } },
        { type: 'metadata', body: { usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 }, metrics: { latencyMs: 1 } } },
      ],
    }, { steps: [{ type: 'text', text: 'again' }] }]);
    const client = createBedrockClient(bedrockProfile(server, { model: CLAUDE_37, reasoningEffort: 'low' }), serverDeps(server));
    const events = await collect(client.stream(userRequest('q')));
    const item = events.find((e): e is Extract<ModelEvent, { type: 'reasoning' }> => e.type === 'reasoning')!.item;
    assert.equal(item.redacted, bytes.toString('base64'));
    assert.equal(item.text, '');
    await collect(client.stream(userRequest('', { items: [{ type: 'user', text: 'q' }, item, { type: 'assistant', text: 'answer' }, { type: 'user', text: 'more' }] })));
    assert.deepEqual(rawOf(server, 1).messages[1]!.content[0], { reasoningContent: { redactedContent: bytes.toString('base64') } });
  });

  it('reports cache reads and writes in usage', async () => {
    server.script([{ steps: [{ type: 'text', text: 'cached' }], usage: { input: 12, output: 3, cacheRead: 2048, cacheWrite: 512 } }]);
    const events = await collect(createBedrockClient(bedrockProfile(server, { model: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }), serverDeps(server)).stream(userRequest('hi')));
    assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 12, outputTokens: 3, cacheReadTokens: 2048, cacheWriteTokens: 512, reasoningTokens: 0 } });
  });

  it('sends the guardrail configuration and surfaces an intervention with its findings', async () => {
    server.script([{
      events: [
        { type: 'messageStart', body: { role: 'assistant' } },
        { type: 'contentBlockDelta', body: { contentBlockIndex: 0, delta: { text: 'Sorry, I cannot help with that.' } } },
        { type: 'contentBlockStop', body: { contentBlockIndex: 0 } },
        { type: 'messageStop', body: { stopReason: 'guardrail_intervened' } },
        {
          type: 'metadata',
          body: {
            usage: { inputTokens: 9, outputTokens: 8, totalTokens: 17 },
            metrics: { latencyMs: 5 },
            trace: {
              guardrail: {
                inputAssessment: {
                  gr1abc: {
                    topicPolicy: { topics: [{ name: 'Investing', type: 'DENY', action: 'BLOCKED' }] },
                    sensitiveInformationPolicy: { piiEntities: [{ match: '4111-1111-1111-1111', type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCKED' }] },
                  },
                },
              },
            },
          },
        },
      ],
    }]);
    const profile = bedrockProfile(server, { guardrail: { id: 'gr1abc', version: '3', trace: true } });
    const events = await collect(createBedrockClient(profile, serverDeps(server)).stream(userRequest('Which stocks should I buy with card 4111-1111-1111-1111?')));
    assert.deepEqual(rawOf(server, 0).guardrailConfig, { guardrailIdentifier: 'gr1abc', guardrailVersion: '3', trace: 'enabled' });
    const guardrail = events.find((e): e is Extract<ModelEvent, { type: 'guardrail' }> => e.type === 'guardrail')!;
    assert.match(guardrail.message, /guardrail gr1abc intervened/);
    assert.match(guardrail.message, /denied topic Investing/);
    assert.match(guardrail.message, /CREDIT_DEBIT_CARD_NUMBER/);
    assert.doesNotMatch(guardrail.message, /4111/, 'the matched text is never repeated');
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'guardrailIntervened' });
  });

  it('reports a content filter stop as such', async () => {
    server.script([{
      events: [
        { type: 'messageStart', body: { role: 'assistant' } },
        { type: 'messageStop', body: { stopReason: 'content_filtered' } },
        { type: 'metadata', body: { usage: { inputTokens: 1, outputTokens: 0, totalTokens: 1 }, metrics: { latencyMs: 1 } } },
      ],
    }]);
    const events = await collect(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('hi')));
    assert.deepEqual(events.map((e) => e.type), ['usage', 'guardrail', 'stop']);
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'contentFiltered' });
  });

  it('fails a response the model garbled (malformed_tool_use) as a retryable server error', async () => {
    server.script([{
      events: [
        { type: 'messageStart', body: { role: 'assistant' } },
        { type: 'messageStop', body: { stopReason: 'malformed_tool_use' } },
        { type: 'metadata', body: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } } },
      ],
    }]);
    const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('hi')));
    assert.equal(error.kind, 'server');
    assert.ok(error.retryable);
  });

  it('uses Converse for tool turns of models that cannot stream tool calls (Llama 3.1), ConverseStream otherwise', async () => {
    server.script([
      { steps: [{ type: 'reasoning', text: 'hmm' }, { type: 'text', text: 'Reading.' }, { type: 'toolCall', name: 'read_file', input: { path: 'b.ts' }, callId: 'tu_L' }], usage: { input: 5, output: 6 } },
      { steps: [{ type: 'text', text: 'plain answer' }] },
    ]);
    const client = createBedrockClient(bedrockProfile(server, { model: 'meta.llama3-1-70b-instruct-v1:0' }), serverDeps(server));
    const events = await collect(client.stream(userRequest('read b', { tools: [READ_FILE] })));
    assert.match(server.requests[0]!.path, /\/converse$/);
    assert.deepEqual(events.map((e) => e.type), ['reasoningDelta', 'reasoning', 'textDelta', 'toolCallStart', 'toolCallDelta', 'toolCallEnd', 'usage', 'stop']);
    assert.deepEqual(events.find((e) => e.type === 'toolCallEnd'), { type: 'toolCallEnd', callId: 'tu_L', name: 'read_file', input: { path: 'b.ts' }, rawArguments: '{"path":"b.ts"}' });
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'toolUse' });

    const plain = await collect(client.stream(userRequest('just talk')));
    assert.match(server.requests[1]!.path, /\/converse-stream$/);
    assert.equal(textOf(plain), 'plain answer');
  });
});
