// The Converse/ConverseStream half of the Bedrock adapter: one ConverseStream (or Converse) call per
// stream(), mapped to neutral events. Each stream() makes exactly one attempt (the SDK's retries are
// off): retry, backoff and failover belong to the engine, which decides from the typed ModelError this
// throws. Which models come here, and which go to the Responses routes, is decided in client.ts.
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseStreamOutput,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { ModelError } from '../../core/model/errors';
import type { ModelEvent, ModelRequest } from '../../core/model/types';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { BedrockProfile } from '../../protocol';
import type { ProviderDeps } from '../deps';
import type { BedrockAuth } from './credentials';
import { type ErrorContext, toModelError } from './error-mapping';
import { familyOf, type FamilyTraits } from './model-families';
import { buildConverseRequest } from './request-mapping';
import { ConverseStreamMapper, converseResponseToStreamEvents } from './stream-mapping';
import { linkAbort } from '../abort-link';

/** Rejects with a cancellation as soon as `signal` aborts, whatever `promise` is still waiting on. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ModelError('cancelled', 'The request to Amazon Bedrock was cancelled.', { provider: 'bedrock' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export interface ConverseTarget {
  /** The id sent to Bedrock (inference-profile id or ARN). */
  modelId: string;
  /** The model the capability table knows it by. */
  capabilityModel: string;
  runtime: BedrockRuntimeClient;
  auth: BedrockAuth;
  errorContext(aborted: boolean): Promise<ErrorContext>;
}

/** Streams one Converse response for a profile's model. */
export class ConverseStreamer {
  private readonly traits: FamilyTraits;

  constructor(
    private readonly profile: BedrockProfile,
    private readonly deps: ProviderDeps,
    private readonly t: ConverseTarget,
  ) {
    this.traits = familyOf(t.capabilityModel);
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    const signal = request.signal;
    const link = linkAbort(signal);
    let iterator: AsyncIterator<ConverseStreamOutput> | undefined;
    let finished = false;
    try {
      if (signal?.aborted) throw new ModelError('cancelled', 'The request to Amazon Bedrock was cancelled.', { provider: 'bedrock' });
      const { input, notes } = buildConverseRequest(request, { modelId: this.t.modelId, capabilityModel: this.t.capabilityModel, profile: this.profile, traits: this.traits });
      // Models that cannot stream tool calls answer tool turns through Converse, replayed as stream events.
      const viaConverse = !this.traits.streamingToolUse && request.tools.length > 0;
      this.deps.logger.log('debug', 'bedrock request', {
        model: this.t.modelId, region: this.profile.region, messages: input.messages?.length ?? 0, tools: request.tools.length, api: viaConverse ? 'Converse' : 'ConverseStream', notes,
      });
      const options = { abortSignal: link.signal };
      let source: AsyncIterable<ConverseStreamOutput>;
      if (viaConverse) {
        const response = await raceAbort(this.t.runtime.send(new ConverseCommand(input as ConverseCommandInput), options), signal);
        source = (async function* (events: ConverseStreamOutput[]) {
          yield* events;
        })(converseResponseToStreamEvents(response));
      } else {
        const response = await raceAbort(this.t.runtime.send(new ConverseStreamCommand(input), options), signal);
        if (!response.stream) throw new ModelError('server', 'Amazon Bedrock answered without an event stream.', { provider: 'bedrock' });
        source = response.stream;
      }
      const mapper = new ConverseStreamMapper({
        origin: { provider: 'bedrock', model: this.t.modelId },
        ...(this.profile.guardrail ? { guardrailId: this.profile.guardrail.id } : {}),
      });
      iterator = source[Symbol.asyncIterator]();
      while (!mapper.complete) {
        const next = await raceAbort(iterator.next(), signal);
        if (next.done) break;
        yield* mapper.accept(next.value);
      }
      const closing = mapper.finish();
      finished = true;
      yield* closing;
    } catch (error) {
      throw toModelError(error, await this.t.errorContext(Boolean(signal?.aborted)));
    } finally {
      // A failed or abandoned response tears its HTTP request down; a finished one just lets go of it.
      if (!finished) link.abort();
      link.dispose();
      void iterator?.return?.()?.catch(() => undefined);
    }
  }
}
