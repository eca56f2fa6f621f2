// ModelClient for an Azure OpenAI / Azure AI Foundry deployment. With `api: 'auto'` the resource is probed
// once for the v1 API: Responses through /openai/v1/ when it has it (the only way to reach Responses-only
// GPT-5-class deployments), else Chat Completions on the classic deployment URL with the profile's
// api-version. Requests authenticate with an API key or an Entra token (azure-credentials.ts).
import type OpenAI from 'openai';
import type { ModelClient, ModelEvent, ModelRequest } from '../../core/model/types';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { AzureProfile, Identity, ModelInfo, ServedBy } from '../../protocol';
import type { ProviderDeps } from '../deps';
import { linkAbort } from '../abort-link';
import { keyFingerprint } from '../openai-wire/api-key';
import type { ErrorHint, WireContext } from '../openai-wire/context';
import { withAcceptedEffort } from '../openai-wire/effort';
import { toModelError } from '../openai-wire/errors';
import { looksLikeReasoningModel } from '../openai-wire/reasoning-models';
import { streamOverWire } from '../openai-wire/run-stream';
import { identityFromAccessToken } from './access-token';
import { detectAzureApi, meansNoResponses, rememberNoResponses, type AzureWireApi } from './azure-api-probe';
import { AzureCredentialResolver, type AzureCredentials } from './azure-credentials';
import { createAzureClassicClient, createAzureV1Client } from './azure-sdk-clients';

export class AzureModelClient implements ModelClient {
  readonly servedBy: ServedBy;
  private readonly endpoint: string;
  private readonly host: string;
  private readonly credentials: AzureCredentialResolver;
  /** SDK clients by API and credential (a new key read from SecretStorage gets a new client). */
  private readonly sdks = new Map<string, OpenAI>();
  private readonly memo: Map<string, unknown>;

  constructor(
    readonly profile: AzureProfile,
    private readonly deps: ProviderDeps,
  ) {
    this.endpoint = profile.endpoint.replace(/\/+$/, '').replace(/\/openai(?:\/v1)?$/i, '');
    this.host = new URL(this.endpoint).host;
    this.credentials = new AzureCredentialResolver(profile, deps);
    this.memo = deps.memo ?? new Map();
    this.servedBy = { profile: profile.name, provider: 'azure', model: profile.deployment, location: this.host };
  }

  private context(api: AzureWireApi | undefined, credentials: AzureCredentials | undefined): WireContext {
    const d = this.profile.deployment;
    const bearer = credentials?.type === 'bearer';
    const vscode = bearer && credentials.tokens.kind === 'vscode';
    const signIn: ErrorHint = vscode
      ? { fix: 'Sign in again to your Microsoft work account in VS Code (Accounts menu).' }
      : { fix: `Sign in again with \`az login\` (or renew the service principal's secret); the token must be for ${this.credentials.scope}.`, fixCommand: 'az login' };
    return {
      provider: 'azure',
      service: 'Azure OpenAI',
      model: d,
      target: `deployment '${d}' on ${this.host}`,
      host: this.host,
      hints: {
        authInvalid: bearer
          ? signIn
          : { fix: `Check the key for ${this.host} (Azure portal → the resource → Keys and Endpoint) and store it again, or set AZURE_OPENAI_API_KEY for the CLI.` },
        authExpired: signIn,
        accessDenied: {
          fix: bearer
            ? "Give your identity the 'Cognitive Services OpenAI User' role on the resource (Access control (IAM)); if the resource only allows private network access, connect through its private endpoint."
            : 'If the resource only allows private network access, connect through its private endpoint or allow your network in the resource settings.',
        },
        quota: { fix: `Raise the tokens-per-minute quota of '${d}' in Azure AI Foundry (Deployments → Edit), or use another deployment.` },
        notFound: {
          fix: `Check that a deployment named '${d}' exists on ${this.host} (Azure AI Foundry → Deployments): the profile needs the deployment name, not the model name${api === 'chat' ? `, and api-version ${this.profile.apiVersion} must be one the resource supports` : ''}.`,
        },
        responsesOnly: {
          fix: `Deployment '${d}' only serves the Responses API: set the profile's api to 'auto' or 'responses' (the resource needs the v1 API at /openai/v1/).`,
        },
      },
    };
  }

  private sdkFor(api: AzureWireApi | 'v1', credentials: AzureCredentials): OpenAI {
    const useV1 = api !== 'chat';
    const cacheKey = `${useV1 ? 'v1' : 'classic'}:${credentials.type === 'apiKey' ? credentials.key : 'bearer'}`;
    let sdk = this.sdks.get(cacheKey);
    if (!sdk) {
      for (const k of this.sdks.keys()) if (k.startsWith(useV1 ? 'v1:' : 'classic:')) this.sdks.delete(k);
      sdk = useV1
        ? createAzureV1Client(this.endpoint, credentials, this.deps)
        : createAzureClassicClient(this.endpoint, this.profile.deployment, this.profile.apiVersion, credentials, this.deps);
      this.sdks.set(cacheKey, sdk);
    }
    return sdk;
  }

  private async resolveApi(credentials: AzureCredentials, signal: AbortSignal): Promise<AzureWireApi> {
    if (this.profile.api !== 'auto') return this.profile.api;
    return detectAzureApi(this.sdkFor('v1', credentials), this.endpoint, this.memo, signal);
  }

  /** A rejected token is dropped so the next attempt asks the credential again. */
  private forgetRejectedToken(credentials: AzureCredentials | undefined, e: unknown): void {
    const kind = (e as { kind?: string }).kind;
    if (credentials?.type === 'bearer' && (kind === 'authExpired' || kind === 'authInvalid')) credentials.tokens.invalidate();
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    let credentials: AzureCredentials | undefined;
    let api: AzureWireApi | undefined;
    let accepted: ModelRequest;
    const abort = linkAbort(request.signal);
    try {
      // The deployment runs the profile's model: its accepted efforts are that model's.
      accepted = withAcceptedEffort(request, this.profile.model, 'azure', this.deps.logger);
      credentials = await this.credentials.resolve();
      api = await this.resolveApi(credentials, abort.signal);
    } catch (e) {
      const error = toModelError(e, this.context(api, credentials));
      this.forgetRejectedToken(credentials, error);
      throw error;
    } finally {
      abort.dispose();
    }
    const reasoning = accepted.reasoningEffort !== undefined || looksLikeReasoningModel(this.profile.model, this.profile.deployment);
    let started = false;
    try {
      for await (const event of streamOverWire(this.sdkFor(api, credentials), accepted, {
        api,
        context: this.context(api, credentials),
        reasoning,
        // Azure documents prompt_cache_key for Responses (learn.microsoft.com/azure/ai-foundry/openai/how-to/prompt-caching).
        promptCacheKey: api === 'responses',
        logger: this.deps.logger,
      })) {
        started = true;
        yield event;
      }
    } catch (e) {
      this.forgetRejectedToken(credentials, e);
      // The probe found /openai/v1 but this region has no Responses API: Chat Completions, remembered per endpoint.
      if (api !== 'responses' || this.profile.api !== 'auto' || started || !meansNoResponses(e)) throw e;
      rememberNoResponses(this.endpoint, this.memo);
      this.deps.logger.log('info', `Azure OpenAI: ${this.host} has no Responses API in its region; using Chat Completions for this endpoint from now on.`);
      yield* streamOverWire(this.sdkFor('chat', credentials), accepted, { api: 'chat', context: this.context('chat', credentials), reasoning, promptCacheKey: false, logger: this.deps.logger });
    }
  }

  async listModels(signal?: AbortSignalLike): Promise<ModelInfo[]> {
    const deployment: ModelInfo = { id: this.profile.deployment, name: `${this.profile.deployment} (deployment)`, provider: 'azure' };
    let credentials: AzureCredentials | undefined;
    const abort = linkAbort(signal);
    try {
      credentials = await this.credentials.resolve();
      if ((await this.resolveApi(credentials, abort.signal)) === 'chat') return [deployment];
      const models: ModelInfo[] = [];
      for await (const m of this.sdkFor('v1', credentials).models.list({ signal: abort.signal })) {
        if (m.id !== deployment.id) models.push({ id: m.id, provider: 'azure', ...(m.owned_by ? { vendor: m.owned_by } : {}) });
        if (models.length >= 2000) break;
      }
      return [deployment, ...models.sort((a, b) => a.id.localeCompare(b.id))];
    } catch (e) {
      const error = toModelError(e, { ...this.context(undefined, credentials), target: `the models list of ${this.host}` });
      this.forgetRejectedToken(credentials, error);
      throw error;
    } finally {
      abort.dispose();
    }
  }

  async whoami(): Promise<Identity> {
    let credentials: AzureCredentials | undefined;
    try {
      credentials = await this.credentials.resolve();
      if (credentials.type === 'apiKey') return { provider: 'azure', principal: `Azure API key ${keyFingerprint(credentials.key)}`, source: 'apiKey' };
      return identityFromAccessToken(await credentials.tokens.getToken(), credentials.tokens.kind);
    } catch (e) {
      throw toModelError(e, this.context(undefined, credentials));
    }
  }
}
