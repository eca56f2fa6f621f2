// ModelClient for OpenAI's own API (or a compatible gateway at a custom base URL), over the shared
// OpenAI-wire code: Responses by default, Chat Completions when the profile says so.
import OpenAI from 'openai';
import type { ModelClient, ModelEvent, ModelRequest } from '../../core/model/types';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import { type Identity, type ModelInfo, type OpenAIProfile, type ServedBy } from '../../protocol';
import { keySecretId } from '../../shared';
import type { ProviderDeps } from '../deps';
import { linkAbort } from '../abort-link';
import { keyFingerprint, resolveApiKey } from '../openai-wire/api-key';
import type { WireContext } from '../openai-wire/context';
import { withAcceptedEffort } from '../openai-wire/effort';
import { toModelError } from '../openai-wire/errors';
import { looksLikeReasoningModel } from '../openai-wire/reasoning-models';
import { streamOverWire } from '../openai-wire/run-stream';
import { commonSdkOptions } from '../openai-wire/sdk-options';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export class OpenAIModelClient implements ModelClient {
  readonly servedBy: ServedBy;
  private readonly baseURL: string;
  private readonly context: WireContext;
  private sdk: { key: string; client: OpenAI } | undefined;

  constructor(
    readonly profile: OpenAIProfile,
    private readonly deps: ProviderDeps,
  ) {
    this.baseURL = (profile.baseUrl ?? deps.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    const host = new URL(this.baseURL).host;
    this.servedBy = { profile: profile.name, provider: 'openai', model: profile.model, location: host };
    const models = 'crosswind models --provider openai';
    this.context = {
      provider: 'openai',
      service: 'OpenAI',
      model: profile.model,
      target: this.baseURL === DEFAULT_BASE_URL ? `model '${profile.model}'` : `model '${profile.model}' at ${host}`,
      host,
      hints: {
        authInvalid: { fix: 'Check the API key (https://platform.openai.com/api-keys) and store it again with "Crosswind: Select Provider…", or set OPENAI_API_KEY for the CLI.' },
        quota: { fix: 'Add credit or raise the usage limit at https://platform.openai.com/settings/organization/billing.' },
        accessDenied: { fix: `Check that the key's project may use '${profile.model}' (project settings → model access).` },
        notFound: { fix: `Check the model id '${profile.model}'; \`${models}\` lists the models this key can use.`, fixCommand: models },
      },
    };
  }

  /** The key from SecretStorage, else OPENAI_API_KEY. */
  private apiKey(): Promise<string> {
    return resolveApiKey(this.deps, { provider: 'openai', secretId: keySecretId('openai', this.profile.auth.secretId), envVar: 'OPENAI_API_KEY', service: 'OpenAI' });
  }

  private async client(): Promise<OpenAI> {
    const key = await this.apiKey();
    if (this.sdk?.key !== key) {
      const client = new OpenAI({
        ...commonSdkOptions(this.deps),
        apiKey: key,
        baseURL: this.baseURL,
        organization: this.profile.organization ?? this.deps.env.OPENAI_ORG_ID ?? null,
        project: this.profile.project ?? this.deps.env.OPENAI_PROJECT_ID ?? null,
      });
      this.sdk = { key, client };
    }
    return this.sdk.client;
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    let sdk: OpenAI;
    let accepted: ModelRequest;
    try {
      accepted = withAcceptedEffort(request, this.profile.model, 'openai', this.deps.logger);
      sdk = await this.client();
    } catch (e) {
      throw toModelError(e, this.context);
    }
    yield* streamOverWire(sdk, accepted, {
      api: this.profile.api,
      context: this.context,
      reasoning: accepted.reasoningEffort !== undefined || looksLikeReasoningModel(this.profile.model),
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
        models.push({ id: m.id, provider: 'openai', vendor: /^(openai|system)/.test(m.owned_by) ? 'OpenAI' : m.owned_by });
        if (models.length >= 2000) break;
      }
      return models.sort((a, b) => a.id.localeCompare(b.id));
    } catch (e) {
      throw toModelError(e, { ...this.context, target: `the models list at ${this.context.host}` });
    } finally {
      abort.dispose();
    }
  }

  async whoami(): Promise<Identity> {
    let key: string;
    try {
      key = await this.apiKey();
    } catch (e) {
      throw toModelError(e, this.context);
    }
    const org = this.profile.organization ?? this.deps.env.OPENAI_ORG_ID;
    const project = this.profile.project ?? this.deps.env.OPENAI_PROJECT_ID;
    const scope = [org ? `organization ${org}` : '', project ? `project ${project}` : ''].filter(Boolean).join(', ');
    return { provider: 'openai', principal: `OpenAI API key ${keyFingerprint(key)}${scope ? ` (${scope})` : ''}`, ...(org ? { account: org } : {}), source: 'apiKey' };
  }
}
