import assert from 'node:assert/strict';
import type { ConversationItem, ModelEvent, ModelRequest, ReasoningConversationItem } from '../../../src/core/model/types';
import type { SecretSource } from '../../../src/core/ports/system';
import { OpenAIProfile } from '../../../src/protocol';
import { createOpenAIClient } from '../../../src/providers/openai';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { collect, collectFailure, testDeps, textOf } from '../../support/provider-test-kit';

const KEY = 'sk-test-0123456789abcdefghijklmnopqrstuvwxyzlong';
const tools = [{ name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }];

function profile(baseUrl: string, extra: Partial<OpenAIProfile> = {}): OpenAIProfile {
  return OpenAIProfile.parse({ name: 'openai-test', provider: 'openai', model: 'gpt-5', baseUrl, auth: { type: 'apiKey' }, ...extra });
}

function request(items: ConversationItem[], extra: Partial<ModelRequest> = {}): ModelRequest {
  return { system: 'You are a careful coding agent.', items, tools, ...extra };
}

describe('OpenAI provider — Responses API over the real SDK', () => {
  let server: OpenAIServer;
  before(async () => {
    server = await startOpenAIServer({ apiKey: KEY });
  });
  after(async () => {
    await server.close();
  });

  it('streams text and usage (cached and reasoning tokens), sending a stateless request with a bearer key', async () => {
    server.script([{ steps: [{ type: 'text', text: 'Hello from the loopback model.', chunks: 4 }], usage: { input: 120, output: 30, cacheRead: 800, reasoning: 12 } }]);
    const client = createOpenAIClient(profile(server.openaiBaseUrl), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    const events = await collect(client.stream(request([{ type: 'user', text: 'Say hello' }], { maxOutputTokens: 2048, conversationId: 'thr_42', reasoningEffort: 'low' })));

    assert.equal(textOf(events), 'Hello from the loopback model.');
    assert.equal(events.filter((e) => e.type === 'textDelta').length, 4);
    assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 120, outputTokens: 30, cacheReadTokens: 800, cacheWriteTokens: 0, reasoningTokens: 12 } });
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'endTurn' });

    const seen = server.requests.at(-1)!;
    assert.equal(seen.path, '/v1/responses');
    assert.equal(seen.headers.authorization, `Bearer ${KEY}`);
    assert.equal(seen.system, 'You are a careful coding agent.');
    assert.deepEqual(seen.toolNames, ['read_file']);
    const raw = seen.raw as Record<string, unknown>;
    assert.equal(raw.store, false);
    assert.equal(raw.stream, true);
    assert.equal(raw.max_output_tokens, 2048);
    assert.equal(raw.prompt_cache_key, 'thr_42');
    assert.deepEqual(raw.reasoning, { effort: 'low', summary: 'auto' });
    assert.deepEqual(raw.include, ['reasoning.encrypted_content']);
    assert.deepEqual((raw.tools as Array<Record<string, unknown>>)[0], { type: 'function', ...tools[0], strict: false });
  });

  it('round-trips a tool call: start, argument deltas, end with parsed input, then a history the server accepts', async () => {
    server.script([
      { steps: [{ type: 'text', text: 'Let me look.' }, { type: 'toolCall', name: 'read_file', input: { path: 'src/a.ts' }, callId: 'call_abc' }] },
      {
        steps: [{ type: 'text', text: 'The file exports a.' }],
        expect: (r) => {
          assert.deepEqual(r.messages.slice(1), [
            { role: 'assistant', text: 'Let me look.' },
            { role: 'assistant', toolCall: { id: 'call_abc', name: 'read_file', input: { path: 'src/a.ts' } } },
            { role: 'tool', toolResult: { id: 'call_abc', output: 'export const a = 1;', isError: false } },
          ]);
        },
      },
    ]);
    const client = createOpenAIClient(profile(server.openaiBaseUrl), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    const first = await collect(client.stream(request([{ type: 'user', text: 'What is in src/a.ts?' }])));
    assert.deepEqual(first.find((e) => e.type === 'toolCallStart'), { type: 'toolCallStart', callId: 'call_abc', name: 'read_file' });
    const deltas = first.filter((e): e is Extract<ModelEvent, { type: 'toolCallDelta' }> => e.type === 'toolCallDelta');
    assert.equal(deltas.map((d) => d.argumentsDelta).join(''), '{"path":"src/a.ts"}');
    const end = first.find((e): e is Extract<ModelEvent, { type: 'toolCallEnd' }> => e.type === 'toolCallEnd')!;
    assert.deepEqual(end.input, { path: 'src/a.ts' });
    assert.deepEqual(first.at(-1), { type: 'stop', reason: 'toolUse' });

    const second = await collect(
      client.stream(
        request([
          { type: 'user', text: 'What is in src/a.ts?' },
          { type: 'assistant', text: 'Let me look.' },
          { type: 'toolCall', callId: end.callId, name: end.name, input: end.input, rawArguments: end.rawArguments },
          { type: 'toolResult', callId: end.callId, output: 'export const a = 1;', isError: false },
        ]),
      ),
    );
    assert.equal(textOf(second), 'The file exports a.');
  });

  it('is refused (400 → invalidRequest) when a tool result answers no earlier call, as the real API refuses it', async () => {
    const client = createOpenAIClient(profile(server.openaiBaseUrl), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    const { error } = await collectFailure(client.stream(request([{ type: 'user', text: 'hi' }, { type: 'toolResult', callId: 'call_orphan', output: 'x', isError: false }])));
    assert.equal(error.kind, 'invalidRequest');
    assert.match(error.message, /No tool call found for function call output with call_id call_orphan/);
    assert.equal(error.status, 400);
  });

  it('streams reasoning summaries and replays encrypted reasoning only to the same provider and model', async () => {
    server.script([{ steps: [{ type: 'reasoning', text: 'The user wants a greeting.' }, { type: 'text', text: 'Hi!' }] }]);
    const client = createOpenAIClient(profile(server.openaiBaseUrl), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    const events = await collect(client.stream(request([{ type: 'user', text: 'Greet me' }])));
    assert.equal(events.filter((e) => e.type === 'reasoningDelta').map((e) => (e as { text: string }).text).join(''), 'The user wants a greeting.');
    const reasoning = events.find((e): e is Extract<ModelEvent, { type: 'reasoning' }> => e.type === 'reasoning')!.item;
    assert.equal(reasoning.text, 'The user wants a greeting.');
    assert.deepEqual(reasoning.origin, { provider: 'openai', model: 'gpt-5' });
    assert.match(reasoning.responseItemId ?? '', /^rs_/);
    assert.ok(reasoning.encryptedContent);

    const history = (item: ReasoningConversationItem): ConversationItem[] => [
      { type: 'user', text: 'Greet me' },
      item,
      { type: 'assistant', text: 'Hi!' },
      { type: 'user', text: 'Again' },
    ];
    // Same model: the encrypted item goes back (the server verifies it was issued for this model).
    server.script([{ steps: [{ type: 'text', text: 'Hi again!' }] }]);
    await collect(client.stream(request(history(reasoning))));
    const replayed = (server.requests.at(-1)!.raw as { input: Array<Record<string, unknown>> }).input.filter((i) => i.type === 'reasoning');
    assert.deepEqual(replayed, [{ type: 'reasoning', id: reasoning.responseItemId, summary: [{ type: 'summary_text', text: reasoning.text }], encrypted_content: reasoning.encryptedContent }]);

    // Another model (or provider) could not decrypt it: it is left out.
    const other = createOpenAIClient(profile(server.openaiBaseUrl, { model: 'o4-mini' }), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    server.script([{ steps: [{ type: 'text', text: 'Hello.' }] }, { steps: [{ type: 'text', text: 'Hello.' }] }]);
    await collect(other.stream(request(history(reasoning))));
    assert.equal((server.requests.at(-1)!.raw as { input: Array<Record<string, unknown>> }).input.filter((i) => i.type === 'reasoning').length, 0);
    await collect(other.stream(request(history({ ...reasoning, origin: { provider: 'azure', model: 'o4-mini' } }))));
    assert.equal((server.requests.at(-1)!.raw as { input: Array<Record<string, unknown>> }).input.filter((i) => i.type === 'reasoning').length, 0);
  });

  it('reports a response cut at max_output_tokens as stop maxTokens, with its usage', async () => {
    server.script([{ steps: [{ type: 'text', text: 'A long answer that' }], stop: 'maxTokens', usage: { input: 5, output: 64 } }]);
    const client = createOpenAIClient(profile(server.openaiBaseUrl), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    const events = await collect(client.stream(request([{ type: 'user', text: 'Write a lot' }], { maxOutputTokens: 64 })));
    assert.equal((events.find((e) => e.type === 'usage') as { usage: { outputTokens: number } }).usage.outputTokens, 64);
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'maxTokens' });
  });

  it('takes the key from SecretStorage before OPENAI_API_KEY, and says where to put one when there is none', async () => {
    const asked: string[] = [];
    const secrets: SecretSource = {
      getSecret: async (id) => (asked.push(id), id === 'team.openai' ? KEY : undefined),
      getAccessToken: async () => assert.fail('no token needed'),
    };
    server.script([{ steps: [{ type: 'text', text: 'ok' }] }]);
    const client = createOpenAIClient(profile(server.openaiBaseUrl, { auth: { type: 'apiKey', secretId: 'team.openai' } }), testDeps({ secrets, env: { OPENAI_API_KEY: 'sk-wrong-key' } }));
    assert.equal(textOf(await collect(client.stream(request([{ type: 'user', text: 'hi' }])))), 'ok');
    assert.deepEqual(asked, ['team.openai']);

    const missing = createOpenAIClient(profile(server.openaiBaseUrl), testDeps());
    const { error } = await collectFailure(missing.stream(request([{ type: 'user', text: 'hi' }])));
    assert.equal(error.kind, 'configuration');
    assert.match(error.fix ?? '', /OPENAI_API_KEY/);
    assert.match(error.fix ?? '', /openai\.apiKey/);
  });

  it('uses OPENAI_BASE_URL when the profile has no base URL, lists models and tells who it is', async () => {
    const noBase = OpenAIProfile.parse({ name: 'o', provider: 'openai', model: 'gpt-5', auth: { type: 'apiKey' }, organization: 'org-7' });
    const client = createOpenAIClient(noBase, testDeps({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseUrl } }));
    assert.equal(client.servedBy.location, new URL(server.url).host);
    const models = await client.listModels();
    assert.deepEqual(models.map((m) => m.id), ['gpt-4.1', 'gpt-5', 'o4-mini']);
    assert.equal(models[0].provider, 'openai');
    assert.equal(server.log.at(-1)!.path, '/v1/models');
    const me = await client.whoami();
    assert.deepEqual(me, { provider: 'openai', principal: `OpenAI API key …${KEY.slice(-4)} (organization org-7)`, account: 'org-7', source: 'apiKey' });
    assert.ok(!JSON.stringify(me).includes(KEY.slice(0, 12)));
  });
});
