// The pure parts of the shared OpenAI-wire code, on inputs the loopback server's script vocabulary cannot
// produce (content filters, odd gateways, split SSE lines). Errors are the SDK's own classes.
import assert from 'node:assert/strict';
import { APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { ModelError } from '../../../src/core/model/errors';
import { toChatRequest } from '../../../src/providers/openai-wire/chat-request';
import { ChatStreamMapper } from '../../../src/providers/openai-wire/chat-stream';
import type { WireContext } from '../../../src/providers/openai-wire/context';
import { toModelError } from '../../../src/providers/openai-wire/errors';
import { looksLikeReasoningModel } from '../../../src/providers/openai-wire/reasoning-models';
import { toResponsesRequest } from '../../../src/providers/openai-wire/responses-request';
import { ResponsesStreamMapper } from '../../../src/providers/openai-wire/responses-stream';
import { retryAfterMsFrom } from '../../../src/providers/openai-wire/retry-after';
import { doneMarkerWatcher } from '../../../src/providers/openai-wire/stream-guard';

const ctx: WireContext = { provider: 'azure', service: 'Azure OpenAI', model: 'gpt5', target: "deployment 'gpt5' on x.openai.azure.com", host: 'x.openai.azure.com' };
const ev = (e: Record<string, unknown>) => e as unknown as ResponseStreamEvent;
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices, ...extra }) as unknown as ChatCompletionChunk;

function thrown(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (e) {
    return e as ModelError;
  }
  throw new Error('did not throw');
}

describe('OpenAI wire — Responses stream mapping', () => {
  it('reports a content-filtered response as a guardrail and stop contentFiltered', () => {
    const m = new ResponsesStreamMapper(ctx);
    m.handle(ev({ type: 'response.output_text.delta', delta: 'Sure', item_id: 'msg_1', output_index: 0, content_index: 0 }));
    const out = m.handle(ev({ type: 'response.incomplete', response: { incomplete_details: { reason: 'content_filter' }, usage: null } }));
    assert.deepEqual(out.map((e) => e.type), ['guardrail', 'stop']);
    assert.deepEqual(out.at(-1), { type: 'stop', reason: 'contentFiltered' });
    assert.deepEqual(m.finish(), []);
  });

  it('separates reasoning summary parts and ends a call whose added event never came; bad JSON stays raw', () => {
    const m = new ResponsesStreamMapper(ctx);
    const deltas = [0, 0, 1].flatMap((i, n) => m.handle(ev({ type: 'response.reasoning_summary_text.delta', item_id: 'rs_1', summary_index: i, delta: `p${n}` })));
    assert.deepEqual(deltas.map((d) => (d as { text: string }).text), ['p0', 'p1', '\n\np2']);
    const out = m.handle(ev({ type: 'response.output_item.done', item: { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'shell', arguments: '{"command": [' } }));
    assert.deepEqual(out, [
      { type: 'toolCallStart', callId: 'call_1', name: 'shell' },
      { type: 'toolCallEnd', callId: 'call_1', name: 'shell', input: null, rawArguments: '{"command": [' },
    ]);
    assert.deepEqual(m.handle(ev({ type: 'response.completed', response: { usage: null } })), [{ type: 'stop', reason: 'toolUse' }]);
  });

  it('throws typed errors for error events and failed responses, and for a stream with no terminal event', () => {
    assert.equal(thrown(() => new ResponsesStreamMapper(ctx).handle(ev({ type: 'error', code: 'rate_limit_exceeded', message: 'Too many requests' }))).kind, 'throttled');
    assert.equal(thrown(() => new ResponsesStreamMapper(ctx).handle(ev({ type: 'response.failed', response: { error: { code: 'invalid_prompt', message: 'bad prompt' } } }))).kind, 'invalidRequest');
    assert.equal(thrown(() => new ResponsesStreamMapper(ctx).handle(ev({ type: 'error', code: 'insufficient_quota', message: 'quota' }))).kind, 'quota');
    const cut = thrown(() => new ResponsesStreamMapper(ctx).finish());
    assert.equal(cut.kind, 'network');
    assert.match(cut.message, /no response\.completed/);
  });
});

describe('OpenAI wire — Chat Completions stream mapping', () => {
  it('names the Azure content filters that stopped a completion', () => {
    const m = new ChatStreamMapper(ctx);
    m.handle(chunk([{ index: 0, delta: { content: 'Here' }, finish_reason: null }]));
    m.handle(chunk([{ index: 0, delta: {}, finish_reason: 'content_filter', content_filter_results: { violence: { filtered: true, severity: 'high' }, hate: { filtered: false } } }]));
    const out = m.finish();
    assert.deepEqual(out, [
      { type: 'guardrail', message: "Azure OpenAI's content filter stopped the response (violence)." },
      { type: 'stop', reason: 'contentFiltered' },
    ]);
  });

  it('treats tool calls as toolUse even when a gateway says "stop", and buffers arguments sent before the name', () => {
    const m = new ChatStreamMapper(ctx);
    const early = m.handle(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_7', function: { arguments: '{"a":' } }] }, finish_reason: null }]));
    assert.deepEqual(early, []);
    const named = m.handle(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'read_file', arguments: '1}' } }] }, finish_reason: 'stop' }]));
    assert.deepEqual(named, [
      { type: 'toolCallStart', callId: 'call_7', name: 'read_file' },
      { type: 'toolCallDelta', callId: 'call_7', argumentsDelta: '{"a":' },
      { type: 'toolCallDelta', callId: 'call_7', argumentsDelta: '1}' },
    ]);
    assert.deepEqual(m.finish(), [
      { type: 'toolCallEnd', callId: 'call_7', name: 'read_file', input: { a: 1 }, rawArguments: '{"a":1}' },
      { type: 'stop', reason: 'toolUse' },
    ]);
  });

  it('fails a stream that never gave a finish_reason', () => {
    const m = new ChatStreamMapper(ctx);
    m.handle(chunk([{ index: 0, delta: { content: 'x' }, finish_reason: null }]));
    assert.equal(thrown(() => m.finish()).kind, 'network');
  });
});

describe('OpenAI wire — error mapping', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('names the Azure content filter that blocked a prompt', () => {
    const body = {
      error: {
        message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { hate: { filtered: false }, jailbreak: { filtered: true, detected: true } } },
      },
    };
    const e = toModelError(APIError.generate(400, body, undefined, headers({})), ctx);
    assert.equal(e.kind, 'invalidRequest');
    assert.match(e.message, /content filter blocked the request \(jailbreak\)/);
  });

  it('classifies statuses, quota codes and retry hints', () => {
    const quota = toModelError(APIError.generate(429, { error: { code: 'insufficient_quota', message: 'quota' } }, undefined, headers({})), ctx);
    assert.equal(quota.kind, 'quota');
    const throttled = toModelError(APIError.generate(429, { error: { code: '429', message: 'slow down' } }, undefined, headers({ 'retry-after-ms': '1500.5', 'retry-after': '9' })), ctx);
    assert.deepEqual([throttled.kind, throttled.retryAfterMs], ['throttled', 1501]);
    assert.equal(toModelError(APIError.generate(413, { error: { message: 'Request too large' } }, undefined, headers({})), ctx).kind, 'contextTooLong');
    assert.equal(toModelError(APIError.generate(529, { error: { message: 'Overloaded' } }, undefined, headers({})), ctx).kind, 'server');
    assert.equal(toModelError(APIError.generate(408, undefined, 'timeout', headers({})), ctx).kind, 'network');
    const requestId = toModelError(APIError.generate(500, { error: { message: 'boom' } }, undefined, headers({ 'apim-request-id': 'apim-1' })), ctx);
    assert.equal(requestId.requestId, 'apim-1');
    assert.equal(toModelError(new APIConnectionTimeoutError(), ctx).kind, 'network');
    const generic401 = APIError.generate(401, { error: { code: '401', message: 'Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.' } }, undefined, headers({}));
    assert.equal(toModelError(generic401, ctx).kind, 'authInvalid', "Azure's catch-all 401 does not claim expiry");
  });

  it('reads retry-after as seconds, an HTTP date, or words in the message', () => {
    assert.equal(retryAfterMsFrom(headers({ 'retry-after': '3' }), ''), 3000);
    assert.equal(retryAfterMsFrom(headers({ 'retry-after': new Date(10_000).toUTCString() }), '', () => 4_000), 6000);
    assert.equal(retryAfterMsFrom(undefined, 'Please try again in 2.5s.'), 2500);
    assert.equal(retryAfterMsFrom(undefined, 'Please retry after 20 seconds.'), 20000);
    assert.equal(retryAfterMsFrom(undefined, 'Please try again in 120ms.'), 120);
    assert.equal(retryAfterMsFrom(undefined, 'nothing to see'), undefined);
  });
});

describe('OpenAI wire — requests and the [DONE] guard', () => {
  const items = [
    { type: 'user' as const, text: 'q' },
    { type: 'reasoning' as const, text: 'r', origin: { provider: 'azure' as const, model: 'gpt5' }, responseItemId: 'rs_1', encryptedContent: 'enc' },
    { type: 'assistant' as const, text: '' },
    { type: 'toolCall' as const, callId: 'c1', name: 'read_file', input: { path: 'a' }, rawArguments: '' },
    { type: 'toolResult' as const, callId: 'c1', output: 'x', isError: false },
    { type: 'assistant' as const, text: 'done' },
  ];

  it('Chat: drops reasoning, attaches calls to one assistant message, serialises parsed input when raw text is missing', () => {
    const body = toChatRequest({ system: 's', items, tools: [] }, { model: 'gpt5', reasoning: false, promptCacheKey: false });
    assert.deepEqual(body.messages, [
      { role: 'system', content: 's' },
      { role: 'user', content: 'q' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'x' },
      { role: 'assistant', content: 'done' },
    ]);
    assert.equal('tools' in body, false);
  });

  it('Responses: replays reasoning only when reasoning is on, skips empty assistant text', () => {
    const off = toResponsesRequest({ system: '', items, tools: [] }, { provider: 'azure', model: 'gpt5', reasoning: false, promptCacheKey: false });
    assert.deepEqual(off.input, [
      { role: 'user', content: 'q' },
      { type: 'function_call', call_id: 'c1', name: 'read_file', arguments: '{"path":"a"}' },
      { type: 'function_call_output', call_id: 'c1', output: 'x' },
      { role: 'assistant', content: 'done' },
    ]);
    assert.equal(off.reasoning, undefined);
    assert.equal(off.instructions, undefined);
    const on = toResponsesRequest({ system: '', items, tools: [] }, { provider: 'azure', model: 'gpt5', reasoning: true, promptCacheKey: false });
    assert.equal((on.input as Array<{ type?: string }>).filter((i) => i.type === 'reasoning').length, 1);
  });

  it('knows the reasoning model families by name', () => {
    assert.ok(looksLikeReasoningModel('gpt-5-codex') && looksLikeReasoningModel('o3') && looksLikeReasoningModel(undefined, 'openai/gpt-oss-120b'));
    assert.ok(!looksLikeReasoningModel('gpt-4.1', 'my-deployment'));
  });

  async function pipe(parts: string[]): Promise<string> {
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    let text = '';
    const reader = source.pipeThrough(doneMarkerWatcher()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += new TextDecoder().decode(value);
    }
  }

  it('passes a stream whose [DONE] line is split across chunks, and fails one without it', async () => {
    assert.equal(await pipe(['data: {"a":1}\n\nda', 'ta: [DO', 'NE]\r\n\r\n']), 'data: {"a":1}\n\ndata: [DONE]\r\n\r\n');
    assert.equal(await pipe(['data: {"a":1}\n\ndata: [DONE]']), 'data: {"a":1}\n\ndata: [DONE]', 'no trailing newline');
    await assert.rejects(pipe(['data: {"a":1}\n\n', 'data: {"content":"[DONE]"}\n\n']), /without its final \[DONE\]/);
  });
});
