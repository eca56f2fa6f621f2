// One streamed model call over the OpenAI wire (Responses or Chat Completions), shared by the OpenAI and
// Azure clients: builds the body, opens the stream through the SDK, maps events, and turns every failure,
// including a cancelled or cut-short stream, into a typed ModelError.
import type OpenAI from 'openai';
import type { ModelEvent, ModelRequest } from '../../core/model/types';
import type { Logger } from '../../core/ports/system';
import { linkAbort } from '../abort-link';
import { toChatRequest } from './chat-request';
import { ChatStreamMapper } from './chat-stream';
import type { WireApi, WireContext } from './context';
import { cancelledError, toModelError } from './errors';
import { toResponsesRequest } from './responses-request';
import { ResponsesStreamMapper } from './responses-stream';

export interface WireStreamOptions {
  api: WireApi;
  context: WireContext;
  /** Send reasoning parameters (see reasoning-models.ts). */
  reasoning: boolean;
  /** Send prompt_cache_key = the conversation id. */
  promptCacheKey: boolean;
  logger: Logger;
}

export async function* streamOverWire(sdk: OpenAI, request: ModelRequest, opts: WireStreamOptions): AsyncGenerator<ModelEvent> {
  const ctx = opts.context;
  const abort = linkAbort(request.signal);
  const started = Date.now();
  opts.logger.log('debug', `${ctx.service} ${opts.api} request`, { target: ctx.target, items: request.items.length, tools: request.tools.length });
  try {
    if (abort.signal.aborted) throw cancelledError(ctx);
    const requestOptions = { signal: abort.signal, maxRetries: 0 };
    if (opts.api === 'responses') {
      const mapper = new ResponsesStreamMapper(ctx);
      const body = toResponsesRequest(request, { provider: ctx.provider, model: ctx.model, reasoning: opts.reasoning, promptCacheKey: opts.promptCacheKey });
      const stream = await sdk.responses.create(body, requestOptions);
      for await (const event of stream) yield* mapper.handle(event);
      // The SDK ends the iteration quietly when its request is aborted: that is not a finished response.
      if (abort.signal.aborted) throw cancelledError(ctx);
      yield* mapper.finish();
    } else {
      const mapper = new ChatStreamMapper(ctx);
      const body = toChatRequest(request, { model: ctx.model, reasoning: opts.reasoning, promptCacheKey: opts.promptCacheKey });
      const stream = await sdk.chat.completions.create(body, requestOptions);
      for await (const chunk of stream) yield* mapper.handle(chunk);
      if (abort.signal.aborted) throw cancelledError(ctx);
      yield* mapper.finish();
    }
    opts.logger.log('debug', `${ctx.service} ${opts.api} response finished`, { target: ctx.target, ms: Date.now() - started });
  } catch (e) {
    const error = abort.signal.aborted ? cancelledError(ctx, e) : toModelError(e, ctx);
    opts.logger.log(error.kind === 'cancelled' ? 'debug' : 'info', `${ctx.service} ${opts.api} request failed: ${error.kind}`, {
      target: ctx.target,
      status: error.status,
      requestId: error.requestId,
    });
    throw error;
  } finally {
    abort.dispose();
  }
}
