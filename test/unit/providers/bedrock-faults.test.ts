// Every failure the loopback Bedrock can inject, observed as the right ModelError kind through the real
// SDK: HTTP errors in Bedrock's shapes, in-stream exceptions, dropped and truncated streams, and
// cancellation. No failure may look like a finished response (no `stop` event).
import assert from 'node:assert/strict';
import type { ModelEvent } from '../../../src/core/model/types';
import { CancellationSource } from '../../../src/core/ports/cancellation';
import { createBedrockClient } from '../../../src/providers/bedrock';
import { type BedrockServer, startBedrockServer } from '../../support/bedrock-server';
import type { Fault } from '../../support/scripted-model';
import { CREDS, REGION, bedrockProfile, collect, failureOf, serverDeps, userRequest } from './bedrock-test-kit';

/** Polls a condition the server reaches asynchronously (bounded: 2 s). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(condition(), 'condition not reached within 2 s');
}

describe('Bedrock adapter: failures', () => {
  let server: BedrockServer;
  before(async () => {
    server = await startBedrockServer({ credentials: CREDS, region: REGION });
  });
  after(async () => {
    await server.close();
  });
  afterEach(() => {
    server.requests.length = 0;
    server.calls.length = 0;
  });

  async function failWith(fault: Fault, profileOverrides = {}) {
    server.script([fault]);
    const seen: ModelEvent[] = [];
    const error = await failureOf(createBedrockClient(bedrockProfile(server, profileOverrides), serverDeps(server)).stream(userRequest('hi')), seen);
    assert.ok(!seen.some((e) => e.type === 'stop'), 'a failed response never reports a stop');
    assert.equal(error.provider, 'bedrock');
    return { error, seen };
  }

  it('throttling → throttled, with the Retry-After the service sent, and one attempt only', async () => {
    server.script([{ fault: 'throttle', retryAfterSeconds: 3 }, { steps: [{ type: 'text', text: 'never reached' }] }]);
    const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('hi')));
    assert.equal(error.kind, 'throttled');
    assert.equal(error.retryAfterMs, 3000);
    assert.equal(error.status, 429);
    assert.ok(error.requestId, 'the request id is kept for support');
    assert.equal(server.calls.length, 1, 'the SDK made no retry of its own');
    assert.equal(server.pending(), 1);
    server.script([]);
    await collect(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('again')));
  });

  it('throttling without Retry-After leaves the pause to the engine', async () => {
    const { error } = await failWith({ fault: 'throttle' });
    assert.equal(error.kind, 'throttled');
    assert.equal(error.retryAfterMs, undefined);
  });

  it('500 and 503 → server, retryable', async () => {
    for (const status of [500, 503]) {
      const { error } = await failWith({ fault: 'serverError', status });
      assert.equal(error.kind, 'server');
      assert.equal(error.status, status);
      assert.ok(error.retryable);
    }
  });

  it('an in-stream exception after some events → server, after the events that did arrive', async () => {
    const { error, seen } = await failWith({ fault: 'midStreamError', afterEvents: 3 });
    assert.equal(error.kind, 'server');
    assert.match(error.message, /streaming the response/);
    assert.ok(seen.some((e) => e.type === 'textDelta'));
  });

  it('a connection dropped before any byte → network', async () => {
    const { error } = await failWith({ fault: 'drop', afterEvents: 0 });
    assert.equal(error.kind, 'network');
    assert.ok(error.retryable);
  });

  it('a connection dropped mid-stream → network, although the SDK ends the HTTP/2 stream silently', async () => {
    const { error, seen } = await failWith({ fault: 'drop', afterEvents: 3 });
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ended before the response finished/);
    assert.ok(seen.some((e) => e.type === 'textDelta'));
  });

  it('a stream that ends cleanly without messageStop and metadata → network, never a finished turn', async () => {
    const { error } = await failWith({ fault: 'truncate', afterEvents: 4 });
    assert.equal(error.kind, 'network');
    assert.match(error.message, /The Bedrock stream ended before the response finished \(no messageStop and metadata event\)/);
  });

  it('a stream with messageStop but no metadata → network', async () => {
    server.script([{
      events: [
        { type: 'messageStart', body: { role: 'assistant' } },
        { type: 'contentBlockDelta', body: { contentBlockIndex: 0, delta: { text: 'hi' } } },
        { type: 'contentBlockStop', body: { contentBlockIndex: 0 } },
        { type: 'messageStop', body: { stopReason: 'end_turn' } },
      ],
    }]);
    const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('hi')));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /no metadata event/);
  });

  it('expired credentials → authExpired; invalid ones → authInvalid', async () => {
    assert.equal((await failWith({ fault: 'authExpired' })).error.kind, 'authExpired');
    const invalid = (await failWith({ fault: 'authInvalid' })).error;
    assert.equal(invalid.kind, 'authInvalid');
    assert.ok(invalid.fix);
  });

  it('model access not granted → accessDenied, saying how to enable it', async () => {
    const { error } = await failWith({ fault: 'accessDenied' });
    assert.equal(error.kind, 'accessDenied');
    assert.match(error.fix!, /Bedrock console \(Model access\)/);
    assert.match(error.fix!, /us-east-1/);
  });

  it('input too long → contextTooLong; quota → quota (fails over, no retry)', async () => {
    assert.equal((await failWith({ fault: 'contextTooLong' })).error.kind, 'contextTooLong');
    const quota = (await failWith({ fault: 'quota' })).error;
    assert.equal(quota.kind, 'quota');
    assert.ok(!quota.retryable && quota.failoverable);
    assert.match(quota.fix!, /Service Quotas/);
  });

  it('a model that needs an inference profile → invalidRequest naming the id to use', async () => {
    const arnServer = server;
    arnServer.script([{ steps: [], expect: () => { throw new Error('Invocation of model ID amazon.nova-lite-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.'); } }]);
    const error = await failureOf(createBedrockClient(bedrockProfile(server, { model: 'amazon.nova-lite-v1:0' }), serverDeps(server)).stream(userRequest('hi')));
    assert.equal(error.kind, 'invalidRequest');
    assert.equal(error.fix, 'Use the model id us.amazon.nova-lite-v1:0.');
  });

  it('a request Bedrock finds invalid → invalidRequest with the service message', async () => {
    const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream({ system: '', items: [], tools: [] }));
    assert.equal(error.kind, 'invalidRequest');
    assert.match(error.message, /must start with a user message/);
  });

  it('cancellation during a slow stream stops at once and closes the request', async () => {
    server.script([{ steps: [{ type: 'text', text: 'a slow answer that keeps going and going', chunks: 20 }], delayMs: 400 }]);
    const cancel = new CancellationSource();
    const stream = createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('hi', { signal: cancel.signal }));
    const seen: ModelEvent[] = [];
    let cancelledAt = 0;
    const error = await failureOf((async function* () {
      for await (const e of stream) {
        seen.push(e);
        if (e.type === 'textDelta' && !cancelledAt) {
          cancelledAt = Date.now();
          setTimeout(() => cancel.cancel(), 50);
        }
        yield e;
      }
    })());
    assert.equal(error.kind, 'cancelled');
    assert.ok(Date.now() - cancelledAt < 300, `stopped ${Date.now() - cancelledAt} ms after the first delta, not after the next slow event`);
    assert.ok(!seen.some((e) => e.type === 'stop'));
    await waitFor(() => server.calls[0]!.clientClosed === true);
  });

  it('an already-cancelled request is not sent at all', async () => {
    const cancel = new CancellationSource();
    cancel.cancel();
    const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('hi', { signal: cancel.signal })));
    assert.equal(error.kind, 'cancelled');
    assert.equal(server.calls.length, 0);
  });

  it('cancellation while waiting for the first event → cancelled at once', async () => {
    server.script([{ steps: [{ type: 'text', text: 'late' }], delayMs: 5000 }]);
    const cancel = new CancellationSource();
    const started = Date.now();
    setTimeout(() => cancel.cancel(), 100);
    const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server)).stream(userRequest('hi', { signal: cancel.signal })));
    assert.equal(error.kind, 'cancelled');
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it('a caller that stops reading early tears the request down and the client stays usable', async () => {
    server.script([{ steps: [{ type: 'text', text: 'many words here', chunks: 10 }], delayMs: 50 }, { steps: [{ type: 'text', text: 'next' }] }]);
    const client = createBedrockClient(bedrockProfile(server), serverDeps(server));
    for await (const e of client.stream(userRequest('hi'))) if (e.type === 'textDelta') break;
    await waitFor(() => server.calls[0]!.clientClosed === true);
    const events = await collect(client.stream(userRequest('again')));
    assert.deepEqual(events.at(-1), { type: 'stop', reason: 'endTurn' });
  });
});
