// One model request, made resilient: transient failures (throttling, 5xx, dropped connections) are
// retried with exponential backoff and full jitter, honouring the service's retry-after; when retries
// are spent on a failure another cloud could serve, the request continues on the profile's next fallback
// with the same neutral conversation (each adapter translates it). Auth and validation errors never retry
// or fail over: they go straight to the user with their fix.
//
// Tools run only after a response completed, so a stream that breaks part-way never leaves a tool
// half-done: its partial text is discarded (the views are told) and the request is made again.
import type { EngineSettings, ServedBy, Usage } from '../../protocol';
import { isModelError, ModelError } from '../model/errors';
import type { ConversationItem, ModelClient, ModelRequest, StopReason } from '../model/types';
import { CancellationSource, CancelledError, type AbortSignalLike } from '../ports/cancellation';
import type { Clock } from '../ports/system';

export interface ModelResponse {
  text: string;
  reasoning: Extract<ConversationItem, { type: 'reasoning' }>[];
  toolCalls: Extract<ConversationItem, { type: 'toolCall' }>[];
  usage: Usage;
  stop: StopReason;
  guardrail?: string;
  servedBy: ServedBy;
}

export interface ModelCallHooks {
  text(delta: string): void;
  reasoning(delta: string): void;
  /** Partial output of a failed attempt must be discarded before the retry streams again. */
  discardPartial(): void;
  retry(info: { attempt: number; maxAttempts: number; delayMs: number; error: ModelError; servedBy: ServedBy }): void;
  failover(info: { from: ModelClient; to: ModelClient; error: ModelError }): Promise<void>;
  /** Every attempt that reached the provider, for the audit log. */
  attempted(info: { client: ModelClient; error?: ModelError }): void;
}

export interface ModelCallOptions {
  /** The thread's profile first, then its fallbacks, in order. */
  chain: ModelClient[];
  /** Index in `chain` to start at (a failover earlier in the turn sticks for the turn). */
  start: number;
  request: Omit<ModelRequest, 'signal'>;
  signal: AbortSignalLike;
  retry: EngineSettings['retry'];
  clock: Clock;
  random?: () => number;
  hooks: ModelCallHooks;
}

/** Backoff before retry `attempt` (1-based): full jitter over an exponential cap, or the service's ask. */
export function backoffMs(attempt: number, retry: EngineSettings['retry'], retryAfterMs: number | undefined, random: () => number): number {
  const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * cap);
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, jittered), retry.maxDelayMs);
  return jittered;
}

function toModelError(e: unknown, signal: AbortSignalLike): ModelError {
  if (signal.aborted || e instanceof CancelledError) return new ModelError('cancelled', 'Stopped by the user.');
  if (isModelError(e)) return e;
  return new ModelError('internal', `Unexpected error from the model client: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/** Returns the response and the chain index that served it. */
export async function callModel(opts: ModelCallOptions): Promise<{ response: ModelResponse; served: number }> {
  const random = opts.random ?? Math.random;
  let index = opts.start;
  for (;;) {
    const client = opts.chain[index]!;
    let lastError: ModelError | undefined;
    for (let attempt = 1; attempt <= opts.retry.maxAttempts; attempt++) {
      if (opts.signal.aborted) throw new ModelError('cancelled', 'Stopped by the user.');
      try {
        const response = await streamOnce(client, opts);
        opts.hooks.attempted({ client });
        return { response, served: index };
      } catch (e) {
        const error = toModelError(e, opts.signal);
        if (error.kind === 'cancelled') throw error;
        opts.hooks.attempted({ client, error });
        opts.hooks.discardPartial();
        lastError = error;
        if (!error.retryable || attempt === opts.retry.maxAttempts) break;
        const delayMs = backoffMs(attempt, opts.retry, error.retryAfterMs, random);
        opts.hooks.retry({ attempt, maxAttempts: opts.retry.maxAttempts, delayMs, error, servedBy: client.servedBy });
        try {
          await opts.clock.sleep(delayMs, opts.signal);
        } catch {
          throw new ModelError('cancelled', 'Stopped by the user.');
        }
      }
    }
    const next = opts.chain[index + 1];
    if (!lastError || !lastError.failoverable || !next) throw lastError ?? new ModelError('internal', 'No response.');
    await opts.hooks.failover({ from: client, to: next, error: lastError });
    index += 1;
  }
}

/**
 * One attempt. A watchdog drops a stream that has sent nothing for retry.idleTimeoutMs (a connection
 * that stays open but stalls would otherwise hold the turn until the user stops it); the stall is a
 * network error, so it is retried like a dropped connection.
 */
async function streamOnce(client: ModelClient, opts: ModelCallOptions): Promise<ModelResponse> {
  const attempt = new CancellationSource(opts.signal);
  const idleMs = opts.retry.idleTimeoutMs;
  const stalled = new ModelError('network', `${client.servedBy.provider} sent nothing for ${(idleMs / 1000).toFixed(idleMs < 10_000 ? 1 : 0)} s: the stream stalled.`, {
    provider: client.servedBy.provider,
  });
  let last = opts.clock.now();
  let finished = false;
  void (async () => {
    while (!finished) {
      try {
        await opts.clock.sleep(Math.max(50, Math.floor(idleMs / 4)), attempt.signal);
      } catch {
        return;
      }
      if (!finished && opts.clock.now() - last >= idleMs) attempt.cancel(stalled);
    }
  })();
  try {
    return await consume(client, opts, attempt, () => (last = opts.clock.now()));
  } catch (e) {
    if (attempt.signal.reason === stalled && !opts.signal.aborted) throw stalled;
    throw e;
  } finally {
    finished = true;
    // Ends the watchdog's sleep; the stream is over, so the abort reaches nothing else.
    if (!attempt.cancelled) attempt.cancel(new CancelledError('attempt finished'));
  }
}

async function consume(client: ModelClient, opts: ModelCallOptions, attempt: CancellationSource, heard: () => void): Promise<ModelResponse> {
  const out: ModelResponse = {
    text: '',
    reasoning: [],
    toolCalls: [],
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    stop: 'endTurn',
    servedBy: client.servedBy,
  };
  let stopped = false;
  for await (const ev of client.stream({ ...opts.request, signal: attempt.signal })) {
    heard();
    if (attempt.cancelled) throw attempt.signal.reason instanceof Error ? attempt.signal.reason : new CancelledError();
    switch (ev.type) {
      case 'textDelta':
        out.text += ev.text;
        opts.hooks.text(ev.text);
        break;
      case 'reasoningDelta':
        opts.hooks.reasoning(ev.text);
        break;
      case 'reasoning':
        out.reasoning.push(ev.item);
        break;
      case 'toolCallEnd':
        out.toolCalls.push({ type: 'toolCall', callId: ev.callId, name: ev.name, input: ev.input, rawArguments: ev.rawArguments });
        break;
      case 'usage':
        out.usage = ev.usage;
        break;
      case 'guardrail':
        out.guardrail = ev.message;
        break;
      case 'stop':
        out.stop = ev.reason;
        stopped = true;
        break;
      case 'toolCallStart':
      case 'toolCallDelta':
        break;
    }
  }
  // Never a finished response without its terminal event: the adapters check, and so does the engine.
  if (!stopped) throw new ModelError('network', `The response from ${client.servedBy.provider} ended before it finished.`, { provider: client.servedBy.provider });
  return out;
}
