// The Bedrock ModelClient: sends each request to the API that serves the model — Converse, or the OpenAI
// Responses API on bedrock-mantle or on bedrock-runtime's /openai/v1 (the capability table's
// `bedrockApi`, src/core/model/capabilities.ts). An application inference-profile ARN is opaque: it is
// resolved once through GetInferenceProfile (models[].modelArn), and family, caching, reasoning and
// pricing then follow the underlying model while requests still name the ARN. The model list comes from
// the control plane, the identity from STS (identity.ts).
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { capabilitiesOf } from '../../core/model/capabilities';
import type { ModelClient, ModelEvent, ModelRequest } from '../../core/model/types';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { BedrockProfile, Identity, ModelInfo, ServedBy } from '../../protocol';
import type { ProviderDeps } from '../deps';
import { applicationProfileModel, isApplicationProfileArn } from './application-profiles';
import { ConverseStreamer, raceAbort } from './converse-client';
import { type BedrockAuth, createBedrockAuth } from './credentials';
import { type ErrorContext, toModelError } from './error-mapping';
import { BedrockIdentity } from './identity';
import { resolveBedrockModelId } from './inference-profiles';
import { listBedrockModels } from './model-catalog';
import { BedrockResponsesClient } from './responses-client';
import { linkAbort } from '../abort-link';
import { type BedrockEndpoints, bedrockEndpoints, endpointUrl, proxiedHandler, proxyFor } from './transport';

type Target = { api: 'converse'; streamer: ConverseStreamer } | { api: 'responses'; client: BedrockResponsesClient };

export class BedrockModelClient implements ModelClient {
  /**
   * Mutated in place when an application profile is resolved (underlyingModel): the engine reads this
   * object when a request starts and prices the response from it when the request ends.
   */
  readonly servedBy: ServedBy;
  private readonly modelId: string;
  private readonly auth: BedrockAuth;
  private readonly endpoints: BedrockEndpoints;
  private readonly identity: BedrockIdentity;
  private runtime?: BedrockRuntimeClient;
  private control?: BedrockClient;
  private target?: Promise<Target>;

  constructor(
    readonly profile: BedrockProfile,
    private readonly deps: ProviderDeps,
  ) {
    this.modelId = resolveBedrockModelId(profile.model, profile.region);
    this.endpoints = bedrockEndpoints(profile, deps.env);
    this.servedBy = { profile: profile.name, provider: 'bedrock', model: this.modelId, location: profile.region };
    const stsProxy = proxyFor(endpointUrl(this.endpoints.sts, 'sts', profile.region), deps);
    // The chain's own STS/SSO clients (assume-role, SSO) go through the proxy and the STS override too.
    this.auth = createBedrockAuth(profile, deps, {
      ...(stsProxy ? { requestHandler: proxiedHandler(stsProxy) } : {}),
    });
    this.identity = new BedrockIdentity({
      profile,
      deps,
      auth: this.auth,
      ...(this.endpoints.sts ? { stsEndpoint: this.endpoints.sts } : {}),
      errorContext: (aborted) => this.errorContext(aborted),
    });
  }

  private clientTransport(endpoint: string | undefined, service: 'bedrock-runtime' | 'bedrock') {
    const proxy = proxyFor(endpointUrl(endpoint, service, this.profile.region), this.deps);
    return { ...(endpoint ? { endpoint } : {}), ...(proxy ? { requestHandler: proxiedHandler(proxy) } : {}) };
  }

  private runtimeClient(): BedrockRuntimeClient {
    this.runtime ??= new BedrockRuntimeClient({ region: this.profile.region, maxAttempts: 1, ...this.auth.client, ...this.clientTransport(this.endpoints.runtime, 'bedrock-runtime') });
    return this.runtime;
  }

  private controlClient(): BedrockClient {
    this.control ??= new BedrockClient({ region: this.profile.region, maxAttempts: 1, ...this.auth.client, ...this.clientTransport(this.endpoints.control, 'bedrock') });
    return this.control;
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

  /** The model the capability table and the price table know this one by. */
  private async capabilityModel(signal: AbortSignalLike | undefined): Promise<string> {
    if (!isApplicationProfileArn(this.modelId)) return this.modelId;
    const underlying = await raceAbort(applicationProfileModel(this.controlClient(), this.modelId, this.deps.memo), signal);
    this.servedBy.underlyingModel = underlying;
    return underlying;
  }

  private async resolveTarget(signal: AbortSignalLike | undefined): Promise<Target> {
    const capabilityModel = await this.capabilityModel(signal);
    const api = capabilitiesOf(capabilityModel).bedrockApi;
    if (api === 'converse') {
      return {
        api,
        streamer: new ConverseStreamer(this.profile, this.deps, { modelId: this.modelId, capabilityModel, runtime: this.runtimeClient(), auth: this.auth, errorContext: (a) => this.errorContext(a) }),
      };
    }
    this.deps.logger.log('debug', `bedrock: ${this.modelId} is served by the Responses API (${api})`);
    return {
      api: 'responses',
      client: new BedrockResponsesClient(this.profile, this.deps, {
        route: api,
        modelId: this.modelId,
        capabilityModel,
        auth: this.auth,
        identity: this.identity,
        ...(this.endpoints.runtime ? { runtimeEndpoint: this.endpoints.runtime } : {}),
        servedBy: this.servedBy,
      }),
    };
  }

  private targetFor(signal: AbortSignalLike | undefined): Promise<Target> {
    this.target ??= this.resolveTarget(signal).catch(async (e: unknown) => {
      this.target = undefined;
      throw toModelError(e, { ...(await this.errorContext(Boolean(signal?.aborted))), modelId: this.modelId });
    });
    return this.target;
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    const target = await this.targetFor(request.signal);
    if (target.api === 'converse') yield* target.streamer.stream(request);
    else yield* target.client.stream(request);
  }

  async listModels(signal?: AbortSignalLike): Promise<ModelInfo[]> {
    const link = linkAbort(signal);
    try {
      return await raceAbort(listBedrockModels(this.controlClient(), this.profile.region, link.signal), signal);
    } catch (error) {
      throw toModelError(error, { ...(await this.errorContext(Boolean(signal?.aborted))), modelId: undefined });
    } finally {
      link.dispose();
    }
  }

  whoami(signal?: AbortSignalLike): Promise<Identity> {
    return this.identity.whoami(signal);
  }

  /** For audit records: STS, else the access key id or the API key's last four (identity.ts). */
  auditIdentity(): Promise<string> {
    return this.identity.auditIdentity();
  }
}
