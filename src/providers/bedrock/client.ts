// The Bedrock ModelClient: one ConverseStream (or Converse) call per stream(), mapped to neutral events;
// the model list from the control plane; the caller identity from STS. Each stream() makes exactly one
// attempt (the SDK's retries are off): retry, backoff and failover belong to the engine, which decides
// from the typed ModelError this throws.
import { BedrockClient } from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseStreamOutput,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ModelError } from '../../core/model/errors';
import type { ModelClient, ModelEvent, ModelRequest } from '../../core/model/types';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { BedrockProfile, Identity, ModelInfo, ServedBy } from '../../protocol';
import type { ProviderDeps } from '../deps';
import { type BedrockAuth, createBedrockAuth, credentialSource } from './credentials';
import { type ErrorContext, toModelError } from './error-mapping';
import { resolveBedrockModelId } from './inference-profiles';
import { listBedrockModels } from './model-catalog';
import { type FamilyTraits, familyOf } from './model-families';
import { buildConverseRequest } from './request-mapping';
import { ConverseStreamMapper, converseResponseToStreamEvents } from './stream-mapping';
import { type BedrockEndpoints, bedrockEndpoints, endpointUrl, linkAbort, proxiedHandler, proxyFor } from './transport';

/** Rejects with a cancellation as soon as `signal` aborts, whatever `promise` is still waiting on. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
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

export class BedrockModelClient implements ModelClient {
  readonly servedBy: ServedBy;
  private readonly modelId: string;
  private readonly traits: FamilyTraits;
  private readonly auth: BedrockAuth;
  private readonly endpoints: BedrockEndpoints;
  private readonly runtime: BedrockRuntimeClient;
  private control?: BedrockClient;
  private sts?: STSClient;

  constructor(
    readonly profile: BedrockProfile,
    private readonly deps: ProviderDeps,
  ) {
    this.modelId = resolveBedrockModelId(profile.model, profile.region);
    this.traits = familyOf(this.modelId);
    this.endpoints = bedrockEndpoints(profile, deps.env);
    this.servedBy = { profile: profile.name, provider: 'bedrock', model: this.modelId, location: profile.region };
    const stsProxy = proxyFor(endpointUrl(this.endpoints.sts, 'sts', profile.region), deps);
    // The chain's own STS/SSO clients (assume-role, SSO) go through the proxy too.
    this.auth = createBedrockAuth(profile, deps, stsProxy ? { requestHandler: proxiedHandler(stsProxy) } : {});
    this.runtime = new BedrockRuntimeClient({
      region: profile.region,
      maxAttempts: 1,
      ...this.auth.client,
      ...this.clientTransport(this.endpoints.runtime, 'bedrock-runtime'),
    });
  }

  private clientTransport(endpoint: string | undefined, service: 'bedrock-runtime' | 'bedrock' | 'sts') {
    const proxy = proxyFor(endpointUrl(endpoint, service, this.profile.region), this.deps);
    return { ...(endpoint ? { endpoint } : {}), ...(proxy ? { requestHandler: proxiedHandler(proxy) } : {}) };
  }

  private async errorContext(aborted: boolean): Promise<ErrorContext> {
    return {
      modelId: this.modelId,
      region: this.profile.region,
      auth: this.auth.kind,
      ...(this.auth.awsProfile ? { awsProfile: this.auth.awsProfile } : {}),
      sso: await this.auth.isSsoProfile(),
      aborted,
    };
  }

  stream(request: ModelRequest): AsyncIterable<ModelEvent> {
    return this.streamResponse(request);
  }

  private async *streamResponse(request: ModelRequest): AsyncGenerator<ModelEvent> {
    const signal = request.signal;
    const link = linkAbort(signal);
    let iterator: AsyncIterator<ConverseStreamOutput> | undefined;
    let finished = false;
    try {
      if (signal?.aborted) throw new ModelError('cancelled', 'The request to Amazon Bedrock was cancelled.', { provider: 'bedrock' });
      const { input, notes } = buildConverseRequest(request, { modelId: this.modelId, profile: this.profile, traits: this.traits });
      // Models that cannot stream tool calls answer tool turns through Converse, replayed as stream events.
      const viaConverse = !this.traits.streamingToolUse && request.tools.length > 0;
      this.deps.logger.log('debug', 'bedrock request', {
        model: this.modelId, region: this.profile.region, messages: input.messages?.length ?? 0, tools: request.tools.length, api: viaConverse ? 'Converse' : 'ConverseStream', notes,
      });
      const options = { abortSignal: link.signal };
      let source: AsyncIterable<ConverseStreamOutput>;
      if (viaConverse) {
        const response = await raceAbort(this.runtime.send(new ConverseCommand(input as ConverseCommandInput), options), signal);
        source = (async function* (events: ConverseStreamOutput[]) {
          yield* events;
        })(converseResponseToStreamEvents(response));
      } else {
        const response = await raceAbort(this.runtime.send(new ConverseStreamCommand(input), options), signal);
        if (!response.stream) throw new ModelError('server', 'Amazon Bedrock answered without an event stream.', { provider: 'bedrock' });
        source = response.stream;
      }
      const mapper = new ConverseStreamMapper({
        origin: { provider: 'bedrock', model: this.modelId },
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
      throw toModelError(error, await this.errorContext(Boolean(signal?.aborted)));
    } finally {
      // A failed or abandoned response tears its HTTP request down; a finished one just lets go of it.
      if (!finished) link.abort();
      link.dispose();
      void iterator?.return?.()?.catch(() => undefined);
    }
  }

  async listModels(signal?: AbortSignalLike): Promise<ModelInfo[]> {
    const link = linkAbort(signal);
    try {
      this.control ??= new BedrockClient({ region: this.profile.region, ...this.auth.client, ...this.clientTransport(this.endpoints.control, 'bedrock') });
      return await raceAbort(listBedrockModels(this.control, this.profile.region, link.signal), signal);
    } catch (error) {
      throw toModelError(error, { ...(await this.errorContext(Boolean(signal?.aborted))), modelId: undefined });
    } finally {
      link.dispose();
    }
  }

  async whoami(signal?: AbortSignalLike): Promise<Identity> {
    const link = linkAbort(signal);
    try {
      if (this.auth.kind === 'apiKey') {
        const key = await this.auth.resolveApiKey();
        return { provider: 'bedrock', principal: `Bedrock API key …${key.slice(-4)}`, source: 'apiKey' };
      }
      const credentials = await raceAbort(this.auth.resolveCredentials(), signal);
      this.sts ??= new STSClient({ region: this.profile.region, credentials: this.auth.client.credentials, ...this.clientTransport(this.endpoints.sts, 'sts') });
      const me = await raceAbort(this.sts.send(new GetCallerIdentityCommand({}), { abortSignal: link.signal }), signal);
      return {
        provider: 'bedrock',
        principal: me.Arn ?? 'unknown',
        ...(me.Account ? { account: me.Account } : {}),
        source: credentialSource(credentials),
      };
    } catch (error) {
      throw toModelError(error, { ...(await this.errorContext(Boolean(signal?.aborted))), modelId: undefined });
    } finally {
      link.dispose();
    }
  }

  /** Closes the clients' connections (tests, profile switches). */
  destroy(): void {
    this.runtime.destroy();
    this.control?.destroy();
    this.sts?.destroy();
  }
}
