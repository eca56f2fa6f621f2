import assert from 'node:assert/strict';
import type { ConversationItem, ModelEvent, ModelRequest } from '../../../src/core/model/types';
import { OpenAIProfile } from '../../../src/protocol';
import { createOpenAIClient } from '../../../src/providers/openai';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { collect, collectFailure, testDeps, textOf } from '../../support/provider-test-kit';

const KEY = 'sk-chat-0123456789abcdefghijklmnopqrstuvwxyz';
const tools = [
  { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } },
  { name: 'grep_files', description: 'Search', parameters: { type: 'object', properties: { pattern: { type: 'string' } } } },
];

function chatClient(server: OpenAIServer, model = 'gpt-4.1') {
  const profile = OpenAIProfile.parse({ name: 'chat', provider: 'openai', model, api: 'chat', baseUrl: server.openaiBaseUrl, auth: { type: 'apiKey' } });
  return createOpenAIClient(profile, testDeps({ env: { OPENAI_API_KEY: KEY } }));
}

function request(items: ConversationItem[], extra: Partial<ModelRequest> = {}): ModelRequest {
  return { system: 'Be brief.', items, tools, ...extra };
}

describe('OpenAI provider — Chat Completions over the real SDK', () => {
  let server: OpenAIServer;
  before(async () => {
    server = await startOpenAIServer({ apiKey: KEY });
  });
  after(async () => {
    await server.close();
  });

  it('streams content deltas and reads the usage chunk (stream_options.include_usage)', async () => {
    server.script([{ steps: [{ type: 'text', text: 'Chat says hello.', chunks: 3 }], usage: { input: 40, output: 9, cacheRead: 1024, reasoning: 4 } }]);
    const events = await collect(chatClient(server).stream(request([{ type: 'user', text: 'hello' }], { maxOutputTokens: 500, conversationId: 'thr_1' })));
    assert.equal(textOf(events), 'Chat says hello.');
    assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 40, outputTokens: 9, cacheReadTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 4 } });
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'endTurn' });
    const raw = server.requests.at(-1)!.raw as Record<string, unknown>;
    assert.equal(server.requests.at(-1)!.path, '/v1/chat/completions');
    assert.deepEqual(raw.stream_options, { include_usage: true });
    assert.equal(raw.max_completion_tokens, 500);
    assert.equal(raw.prompt_cache_key, 'thr_1');
    assert.equal(raw.reasoning_effort, undefined, 'a non-reasoning model gets no reasoning_effort');
    assert.deepEqual((raw.messages as unknown[])[0], { role: 'system', content: 'Be brief.' });
  });

  it('assembles parallel tool calls from index-addressed deltas and sends a history the server validates', async () => {
    server.script([
      {
        steps: [
          { type: 'toolCall', name: 'read_file', input: { path: 'a.ts' }, callId: 'call_1' },
          { type: 'toolCall', name: 'grep_files', input: { pattern: 'TODO' }, callId: 'call_2' },
        ],
      },
      {
        steps: [{ type: 'text', text: 'Done.' }],
        expect: (r) => {
          assert.deepEqual(
            r.messages.map((m) => ('toolCall' in m ? `call:${m.toolCall.id}` : 'toolResult' in m ? `result:${m.toolResult.id}` : 'image' in m ? `image:${m.image.format}` : `${m.role}:${m.text}`)),
            ['user:look', 'assistant:Checking.', 'call:call_1', 'call:call_2', 'result:call_1', 'result:call_2'],
          );
        },
      },
    ]);
    const client = chatClient(server);
    const first = await collect(client.stream(request([{ type: 'user', text: 'look' }])));
    const starts = first.filter((e) => e.type === 'toolCallStart');
    assert.deepEqual(starts, [
      { type: 'toolCallStart', callId: 'call_1', name: 'read_file' },
      { type: 'toolCallStart', callId: 'call_2', name: 'grep_files' },
    ]);
    const ends = first.filter((e): e is Extract<ModelEvent, { type: 'toolCallEnd' }> => e.type === 'toolCallEnd');
    assert.deepEqual(ends.map((e) => [e.callId, e.input, e.rawArguments]), [
      ['call_1', { path: 'a.ts' }, '{"path":"a.ts"}'],
      ['call_2', { pattern: 'TODO' }, '{"pattern":"TODO"}'],
    ]);
    const argText = (id: string) => first.filter((e) => e.type === 'toolCallDelta' && e.callId === id).map((e) => (e as { argumentsDelta: string }).argumentsDelta).join('');
    assert.equal(argText('call_2'), '{"pattern":"TODO"}');
    assert.deepEqual(first.at(-1), { type: 'stop', reason: 'toolUse' });

    const history: ConversationItem[] = [
      { type: 'user', text: 'look' },
      { type: 'assistant', text: 'Checking.' },
      ...ends.map((e): ConversationItem => ({ type: 'toolCall', callId: e.callId, name: e.name, input: e.input, rawArguments: e.rawArguments })),
      { type: 'toolResult', callId: 'call_1', output: 'const a = 1', isError: false },
      { type: 'toolResult', callId: 'call_2', output: 'no matches', isError: false },
    ];
    assert.equal(textOf(await collect(client.stream(request(history)))), 'Done.');
    const sent = (server.requests.at(-1)!.raw as { messages: Array<Record<string, unknown>> }).messages;
    assert.equal((sent[2].tool_calls as unknown[]).length, 2, 'text and both calls are one assistant message');
    assert.equal(sent[2].content, 'Checking.');
  });

  it('is refused when a tool call has no tool message (the real API validation), as invalidRequest', async () => {
    const { error } = await collectFailure(
      chatClient(server).stream(request([{ type: 'user', text: 'x' }, { type: 'toolCall', callId: 'call_9', name: 'read_file', input: {}, rawArguments: '{}' }, { type: 'user', text: 'y' }])),
    );
    assert.equal(error.kind, 'invalidRequest');
    assert.match(error.message, /did not have response messages: call_9/);
  });

  it('sends reasoning_effort to a reasoning model and streams gateway reasoning_content as reasoning deltas', async () => {
    server.script([{ steps: [{ type: 'reasoning', text: 'thinking…' }, { type: 'text', text: 'answer' }] }]);
    const events = await collect(chatClient(server, 'o4-mini').stream(request([{ type: 'user', text: 'q' }], { reasoningEffort: 'high' })));
    assert.equal(events.filter((e) => e.type === 'reasoningDelta').map((e) => (e as { text: string }).text).join(''), 'thinking…');
    assert.equal((server.requests.at(-1)!.raw as Record<string, unknown>).reasoning_effort, 'high');
  });

  it('maps finish_reason length to maxTokens', async () => {
    server.script([{ steps: [{ type: 'text', text: 'cut' }], stop: 'maxTokens' }]);
    const events = await collect(chatClient(server).stream(request([{ type: 'user', text: 'q' }])));
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'maxTokens' });
  });

  it('fails a stream that ends without data: [DONE] even after its finish_reason and usage chunks (the SDK does not)', async () => {
    server.script([{ fault: 'truncate', afterEvents: 1000 }]);
    const { error, events } = await collectFailure(chatClient(server).stream(request([{ type: 'user', text: 'q' }])));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ended before it finished/);
    assert.ok(!events.some((e) => e.type === 'stop'), 'never reported as a finished response');
  });

  it('fails a stream cut mid-answer, after some text was streamed', async () => {
    server.script([{ fault: 'truncate', afterEvents: 2 }]);
    const { error, events } = await collectFailure(chatClient(server).stream(request([{ type: 'user', text: 'q' }])));
    assert.equal(error.kind, 'network');
    assert.ok(events.some((e) => e.type === 'textDelta'));
    assert.ok(!events.some((e) => e.type === 'stop'));
  });
});
