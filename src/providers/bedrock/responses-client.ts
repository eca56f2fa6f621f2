// The ModelClient for OpenAI models Bedrock serves through the OpenAI Responses API instead of Converse
// (which model goes where is the capability table's `bedrockApi`, src/core/model/capabilities.ts):
// - mantle: https://bedrock-mantle.{region}.api.aws/openai/v1, through the openai SDK's own Bedrock
//   provider (`openai/providers/bedrock/aws`), which signs SigV4 for `bedrock-mantle` with the
//   credentials of our AWS chain, or sends the Bedrock API key as bearer. Base URL: the profile's
//   mantleEndpoint, else AWS_BEDROCK_BASE_URL (the SDK's own variable), else derived from the region.
// - runtime-openai: https://bedrock-runtime.{region}.amazonaws.com/openai/v1 (or the profile's endpoint /
//   AWS_ENDPOINT_URL_BEDROCK_RUNTIME + /openai/v1), signed for service `bedrock` (runtime-signer.ts) or
//   with the API key. The SDK's provider signs only for bedrock-mantle, hence the signer.
// Streaming, tool calls, usage and errors go through the same OpenAI-wire code as Azure and OpenAI.
import OpenAI from 'openai';
import { bedrock } from 'openai/providers/bedrock/aws';
import type { ModelClient, ModelEvent, ModelRequest } from '../../core/model/types';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { BedrockProfile, Identity, ModelInfo, ServedBy } from '../../protocol';
import type { ProviderDeps } from '../deps';
import { linkAbort } from '../abort-link';
import type { WireContext } from '../openai-wire/context';
import { withAcceptedEffort } from '../openai-wire/effort';
import { toModelError } from '../openai-wire/errors';
import { createWireFetch } from '../openai-wire/http';
import { streamOverWire } from '../openai-wire/run-stream';
import { commonSdkOptions } from '../openai-wire/sdk-options';
import type { BedrockAuth } from './credentials';
import { type BedrockIdentity } from './identity';
import { sigv4Fetch } from './runtime-signer';

export type ResponsesRoute = 'mantle' | 'runtime-openai';

export interface ResponsesClientOptions {
  route: ResponsesRoute;
  /** The id sent as `model` (an inference-profile id on the runtime route). */
  modelId: string;
  /** The model the capability table knows it by (an ARN's underlying model). */
  capabilityModel: string;
  auth: BedrockAuth;
  identity: BedrockIdentity;
  /** bedrock-runtime endpoint override (profile.endpoint / AWS_ENDPOINT_URL_BEDROCK_RUNTIME). */
  runtimeEndpoint?: string;
  servedBy: ServedBy;
}

/** The Mantle base URL from the profile or AWS_BEDROCK_BASE_URL; null lets the SDK derive it from the region. */
export function mantleBaseUrl(profile: BedrockProfile, env: Record<string, string | undefined>): string | null {
  return profile.mantleEndpoint ?? (env.AWS_BEDROCK_BASE_URL?.trim() || null);
}

export class BedrockResponsesClient implements ModelClient {
  readonly servedBy: ServedBy;
  private readonly context: WireContext;
  private sdk?: Promise<OpenAI>;

  constructor(
    readonly profile: BedrockProfile,
    private readonly deps: ProviderDeps,
    private readonly opts: ResponsesClientOptions,
  ) {
    this.servedBy = opts.servedBy;
    const base = this.baseUrl();
    const host = base ? new URL(base).host : `bedrock-mantle.${profile.region}.api.aws`;
    const service = opts.route === 'mantle' ? 'Amazon Bedrock (Mantle)' : 'Amazon Bedrock Runtime (OpenAI API)';
    this.context = {
      provider: 'bedrock',
      service,
      model: opts.modelId,
      target: `model '${opts.modelId}' on ${host}`,
      host,
      hints: {
        authInvalid: {
          fix: opts.auth.kind === 'apiKey'
            ? 'Check the Bedrock API key (AWS_BEARER_TOKEN_BEDROCK or the one stored with "Crosswind: Select Provider…"); keys are per region.'
            : `Check the AWS credentials; the request is signed for ${opts.route === 'mantle' ? 'bedrock-mantle' : 'bedrock'} in ${profile.region}.`,
        },
        accessDenied: { fix: `Allow bedrock:InvokeModel (and bedrock-mantle access) on ${opts.modelId} for this identity, and enable the model in the Bedrock console for ${profile.region}.` },
        notFound: {
          fix: opts.route === 'mantle'
            ? `Check that ${opts.modelId} is offered on bedrock-mantle in ${profile.region} (GPT-5.5: us-east-2; GPT-5.4: us-east-2, us-west-2).`
            : `Check the cross-region id (global./us.${opts.capabilityModel.replace(/^.*?openai\./, 'openai.')}) and the region.`,
        },
      },
    };
  }

  private baseUrl(): string | null {
    if (this.opts.route === 'mantle') return mantleBaseUrl(this.profile, this.deps.env);
    const runtime = (this.opts.runtimeEndpoint ?? `https://bedrock-runtime.${this.profile.region}.amazonaws.com`).replace(/\/+$/, '');
    return `${runtime}/openai/v1`;
  }

  private async createSdk(): Promise<OpenAI> {
    const auth = this.opts.auth;
    const common = commonSdkOptions(this.deps);
    if (this.opts.route === 'mantle') {
      const credentials = auth.client.credentials;
      const provider = bedrock({
        region: this.profile.region,
        baseURL: this.baseUrl(),
        ...(auth.kind === 'apiKey'
          ? { apiKey: await auth.resolveApiKey() }
          : { credentialProvider: async () => await credentials!({}) }),
      });
      return new OpenAI({ ...common, provider });
    }
    const base = { ...common, baseURL: this.baseUrl()!, organization: null, project: null };
    if (auth.kind === 'apiKey') return new OpenAI({ ...base, apiKey: await auth.resolveApiKey() });
    // The SDK insists on an apiKey; the signing fetch replaces its Authorization header with SigV4.
    return new OpenAI({
      ...base,
      apiKey: 'sigv4',
      fetch: sigv4Fetch(createWireFetch(this.deps), { region: this.profile.region, service: 'bedrock', credentials: () => auth.resolveCredentials() }),
    });
  }

  private client(): Promise<OpenAI> {
    this.sdk ??= this.createSdk().catch((e: unknown) => {
      this.sdk = undefined;
      throw e;
    });
    return this.sdk;
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    let sdk: OpenAI;
    let accepted: ModelRequest;
    try {
      accepted = withAcceptedEffort(request, this.opts.capabilityModel, 'bedrock', this.deps.logger);
      sdk = await this.client();
    } catch (e) {
      throw toModelError(e, this.context);
    }
    yield* streamOverWire(sdk, accepted, {
      api: 'responses',
      context: this.context,
      reasoning: true,
      promptCacheKey: true,
      logger: this.deps.logger,
    });
  }

  async listModels(signal?: AbortSignalLike): Promise<ModelInfo[]> {
    const abort = linkAbort(signal);
    try {
      const sdk = await this.client();
      const models: ModelInfo[] = [];
      for await (const m of sdk.models.list({ signal: abort.signal })) {
        models.push({ id: m.id, provider: 'bedrock', vendor: m.id.startsWith('openai.') ? 'OpenAI' : m.owned_by });
        if (models.length >= 2000) break;
      }
      return models.sort((a, b) => a.id.localeCompare(b.id));
    } catch (e) {
      throw toModelError(e, { ...this.context, target: `the models list at ${this.context.host}` });
    } finally {
      abort.dispose();
    }
  }

  whoami(signal?: AbortSignalLike): Promise<Identity> {
    return this.opts.identity.whoami(signal);
  }

  auditIdentity(): Promise<string> {
    return this.opts.identity.auditIdentity();
  }
}
