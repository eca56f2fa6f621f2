import assert from 'node:assert/strict';
import OpenAI from 'openai';
import type { ModelRequest } from '../../../src/core/model/types';
import { CancellationSource } from '../../../src/core/ports/cancellation';
import { OpenAIProfile, type ErrorKind } from '../../../src/protocol';
import { createOpenAIClient } from '../../../src/providers/openai';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { collectFailure, testDeps } from '../../support/provider-test-kit';
import type { Fault } from '../../support/scripted-model';

const KEY = 'sk-faults-0123456789abcdefghijklmnopqrstuvwxyz';
const ask: ModelRequest = { system: '', items: [{ type: 'user', text: 'hi' }], tools: [] };

const cases: Array<{ fault: Fault; kind: ErrorKind; check?: (e: Awaited<ReturnType<typeof collectFailure>>['error']) => void }> = [
  { fault: { fault: 'throttle', retryAfterSeconds: 7 }, kind: 'throttled', check: (e) => assert.equal(e.retryAfterMs, 7000) },
  { fault: { fault: 'throttle' }, kind: 'throttled', check: (e) => assert.equal(e.retryAfterMs, undefined) },
  { fault: { fault: 'quota' }, kind: 'quota', check: (e) => assert.match(e.fix ?? '', /billing/) },
  { fault: { fault: 'serverError' }, kind: 'server', check: (e) => assert.equal(e.status, 500) },
  { fault: { fault: 'serverError', status: 503 }, kind: 'server', check: (e) => assert.match(e.message, /overloaded/) },
  { fault: { fault: 'authInvalid' }, kind: 'authInvalid', check: (e) => assert.ok(!/sk-te\*\*\*ng/.test(e.message), 'the masked key is redacted too') },
  { fault: { fault: 'authExpired' }, kind: 'authExpired' },
  { fault: { fault: 'accessDenied' }, kind: 'accessDenied', check: (e) => assert.equal(e.status, 403) },
  { fault: { fault: 'contextTooLong' }, kind: 'contextTooLong', check: (e) => assert.ok(e.fix) },
  { fault: { fault: 'midStreamError', afterEvents: 3 }, kind: 'server' },
  { fault: { fault: 'drop', afterEvents: 0 }, kind: 'network' },
  { fault: { fault: 'drop', afterEvents: 3 }, kind: 'network' },
  { fault: { fault: 'truncate', afterEvents: 3 }, kind: 'network', check: (e) => assert.match(e.message, /ended before it finished/) },
];

describe('OpenAI provider — every fault becomes the right typed error', () => {
  let server: OpenAIServer;
  before(async () => {
    server = await startOpenAIServer({ apiKey: KEY });
  });
  after(async () => {
    await server.close();
  });

  for (const api of ['responses', 'chat'] as const) {
    const client = () => createOpenAIClient(OpenAIProfile.parse({ name: 'f', provider: 'openai', model: 'gpt-4.1', api, baseUrl: server.openaiBaseUrl, auth: { type: 'apiKey' } }), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    for (const c of cases) {
      it(`${api}: ${JSON.stringify(c.fault)} → ${c.kind}`, async () => {
        server.script([c.fault]);
        const { error, events } = await collectFailure(client().stream(ask));
        assert.equal(error.name, 'ModelError');
        assert.equal(error.kind, c.kind, error.message);
        assert.equal(error.provider, 'openai');
        assert.ok(!events.some((e) => e.type === 'stop'), 'a failed request is never a finished turn');
        assert.ok(!error.message.includes(KEY) && !(error.fix ?? '').includes(KEY));
        c.check?.(error);
      });
    }
  }

  it('responses: a response.failed event is a server error too', async () => {
    const failing = await startOpenAIServer({ apiKey: KEY, responsesStreamError: 'response.failed' });
    try {
      failing.script([{ fault: 'midStreamError', afterEvents: 2 }]);
      const client = createOpenAIClient(OpenAIProfile.parse({ name: 'f', provider: 'openai', model: 'gpt-5', baseUrl: failing.openaiBaseUrl, auth: { type: 'apiKey' } }), testDeps({ env: { OPENAI_API_KEY: KEY } }));
      const { error } = await collectFailure(client.stream(ask));
      assert.equal(error.kind, 'server');
      assert.match(error.message, /The server had an error/);
    } finally {
      await failing.close();
    }
  });

  it('refuses a wrong key as authInvalid without echoing it', async () => {
    const wrong = 'sk-wrong-0123456789abcdefghijklmnopqrstuvwxyz';
    const client = createOpenAIClient(OpenAIProfile.parse({ name: 'f', provider: 'openai', model: 'gpt-5', baseUrl: server.openaiBaseUrl, auth: { type: 'apiKey' } }), testDeps({ env: { OPENAI_API_KEY: wrong } }));
    const { error } = await collectFailure(client.stream(ask));
    assert.equal(error.kind, 'authInvalid');
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes(wrong));
    assert.match(error.fix ?? '', /OPENAI_API_KEY/);
    await assert.rejects(client.listModels(), (e: { kind?: string }) => e.kind === 'authInvalid');
  });

  it('reports an unreachable base URL as a network error naming the host', async () => {
    const closed = await startOpenAIServer();
    const base = closed.openaiBaseUrl;
    await closed.close();
    const client = createOpenAIClient(OpenAIProfile.parse({ name: 'f', provider: 'openai', model: 'gpt-5', baseUrl: base, auth: { type: 'apiKey' } }), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    const { error } = await collectFailure(client.stream(ask));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /connection was refused/);
    assert.ok(error.message.includes(new URL(base).host));
  });

  for (const api of ['responses', 'chat'] as const) {
    it(`${api}: cancellation mid-stream stops the request at once and is reported as cancelled`, async () => {
      server.script([{ steps: [{ type: 'text', text: 'one two three four five six seven eight nine ten', chunks: 10 }], delayMs: 300 }]);
      const client = createOpenAIClient(OpenAIProfile.parse({ name: 'f', provider: 'openai', model: 'gpt-4.1', api, baseUrl: server.openaiBaseUrl, auth: { type: 'apiKey' } }), testDeps({ env: { OPENAI_API_KEY: KEY } }));
      const cancel = new CancellationSource();
      const started = Date.now();
      const stream = client.stream({ ...ask, signal: cancel.signal });
      let cancelledAt = 0;
      const failure = (async () => {
        for await (const e of stream) {
          if (e.type === 'textDelta' && !cancelledAt) {
            cancelledAt = Date.now();
            setTimeout(() => cancel.cancel(), 10);
          }
        }
      })();
      await assert.rejects(failure, (e: { kind?: string }) => e.kind === 'cancelled');
      assert.ok(Date.now() - cancelledAt < 250, `stopped ${Date.now() - cancelledAt} ms after cancel, not after the next 300 ms event`);
      assert.ok(Date.now() - started < 2000);
    });
  }

  it('does not start a request whose signal is already cancelled', async () => {
    const before = server.log.length;
    const cancel = new CancellationSource();
    cancel.cancel();
    const client = createOpenAIClient(OpenAIProfile.parse({ name: 'f', provider: 'openai', model: 'gpt-5', baseUrl: server.openaiBaseUrl, auth: { type: 'apiKey' } }), testDeps({ env: { OPENAI_API_KEY: KEY } }));
    const { error } = await collectFailure(client.stream({ ...ask, signal: cancel.signal }));
    assert.equal(error.kind, 'cancelled');
    assert.equal(server.log.length, before);
  });

  it('documents the SDK behaviour the [DONE] guard exists for: alone, the SDK ends a truncated chat stream quietly', async () => {
    server.script([{ fault: 'truncate', afterEvents: 1000 }]);
    const sdk = new OpenAI({ apiKey: KEY, baseURL: server.openaiBaseUrl, maxRetries: 0 });
    const stream = await sdk.chat.completions.create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    let chunks = 0;
    for await (const _ of stream) chunks++;
    assert.ok(chunks > 0, 'no error was raised although [DONE] never came');
  });
});
