// The provider flags every model-using command shares (--provider, --model, --region, --profile,
// --endpoint, --deployment, --api-version, --api) and the standard environment behind them, turned into a
// validated ProviderProfile. Flags win over the environment; what is missing is named in a UsageError.
import { resolveEffort } from '../core/model/capabilities';
import { ProviderProfile, REASONING_EFFORTS, ReasoningEffort, type ProviderKind, type ProviderProfileInput } from '../protocol';
import { UsageError } from './command';

/** Every provider flag, as node:util parseArgs definitions. */
const PROVIDER_FLAGS = {
  provider: { type: 'string' },
  model: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  deployment: { type: 'string' },
  'api-version': { type: 'string' },
  api: { type: 'string' },
  effort: { type: 'string' },
} as const;

export type ProviderFlagName = keyof typeof PROVIDER_FLAGS;

/** The provider flags of `crosswind exec`, which calls a model: all of them. */
export const EXEC_PROVIDER_FLAGS = Object.keys(PROVIDER_FLAGS) as ProviderFlagName[];

const FLAG_USAGE: Record<ProviderFlagName, string> = {
  provider: '  --provider NAME      bedrock, azure or openai (default: the one the environment configures)',
  model: '  --model ID           Model id (Bedrock model or inference profile; OpenAI model; Azure: the model name)',
  region: '  --region REGION      Bedrock region                       [AWS_REGION, AWS_DEFAULT_REGION]',
  profile: '  --profile NAME       AWS profile for the credential chain [AWS_PROFILE]',
  endpoint: [
    '  --endpoint URL       Azure resource endpoint              [AZURE_OPENAI_ENDPOINT]',
    '                       OpenAI-compatible base URL           [OPENAI_BASE_URL]',
    '                       Bedrock runtime endpoint override    [AWS_ENDPOINT_URL_BEDROCK_RUNTIME]',
  ].join('\n'),
  deployment: '  --deployment NAME    Azure deployment                     [AZURE_OPENAI_DEPLOYMENT]',
  'api-version': '  --api-version VER    Azure api-version for Chat Completions without the v1 API [OPENAI_API_VERSION]',
  api: '  --api API            azure: auto (default), responses or chat; openai: responses (default) or chat',
  effort: [
    `  --effort LEVEL       Reasoning effort: ${REASONING_EFFORTS.join(', ')}; a value the model does not take`,
    '                       is sent as the nearest one it does, or refused here naming what it takes',
  ].join('\n'),
};

/** node:util parseArgs definitions of these flags, to spread into a command's own options. */
export function providerFlagOptions<N extends ProviderFlagName>(names: readonly N[]): Pick<typeof PROVIDER_FLAGS, N> {
  return Object.fromEntries(names.map((n) => [n, PROVIDER_FLAGS[n]])) as Pick<typeof PROVIDER_FLAGS, N>;
}

/** The "Provider options" part of a command's usage: only the flags it accepts. */
export function providerOptionsUsage(names: readonly ProviderFlagName[]): string {
  return `Provider options (flags win over the environment):
${names.map((n) => FLAG_USAGE[n]).join('\n')}
Credentials come from the environment: AWS_* / AWS_PROFILE or AWS_BEARER_TOKEN_BEDROCK;
AZURE_OPENAI_API_KEY, else Entra ID (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET,
AZURE_AUTHORITY_HOST, managed identity, az login); OPENAI_API_KEY.`;
}

export interface ProviderFlags {
  provider?: string;
  model?: string;
  region?: string;
  profile?: string;
  endpoint?: string;
  deployment?: string;
  apiVersion?: string;
  api?: string;
  effort?: string;
}

export type Env = Record<string, string | undefined>;

/** The placeholder model/deployment of a profile made only to list models or show the identity. */
export const UNSPECIFIED_MODEL = '(unspecified)';

export interface ResolveOptions {
  /** False for commands that never call a model (models, whoami): a missing model is then not an error. */
  modelRequired: boolean;
}

/** Reads the provider flags out of parseArgs values. */
export function providerFlagsFrom(values: Record<string, string | boolean | Array<string | boolean> | undefined>): ProviderFlags {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return {
    provider: str('provider'),
    model: str('model'),
    region: str('region'),
    profile: str('profile'),
    endpoint: str('endpoint'),
    deployment: str('deployment'),
    apiVersion: str('api-version'),
    api: str('api'),
    effort: str('effort'),
  };
}

const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

function inferProvider(flags: ProviderFlags, env: Env): ProviderKind {
  const fromFlags = new Set<ProviderKind>();
  if (set(flags.deployment) || set(flags.apiVersion)) fromFlags.add('azure');
  if (set(flags.region) || set(flags.profile)) fromFlags.add('bedrock');
  const fromEnv = new Set<ProviderKind>();
  if (set(env.AZURE_OPENAI_ENDPOINT)) fromEnv.add('azure');
  if (set(env.OPENAI_API_KEY) || set(env.OPENAI_BASE_URL)) fromEnv.add('openai');
  if (set(env.AWS_BEARER_TOKEN_BEDROCK) || set(env.AWS_PROFILE) || set(env.AWS_ACCESS_KEY_ID) || set(env.AWS_REGION)) fromEnv.add('bedrock');
  const candidates = [...(fromFlags.size > 0 ? fromFlags : fromEnv)];
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    throw new UsageError('choose a provider with --provider bedrock|azure|openai (or configure one: AWS_REGION, AZURE_OPENAI_ENDPOINT or OPENAI_API_KEY)');
  }
  throw new UsageError(`several providers are configured (${candidates.sort().join(', ')}): choose one with --provider`);
}

function rejectForeignFlags(provider: ProviderKind, flags: ProviderFlags): void {
  const only: Array<[keyof ProviderFlags, string, ProviderKind[]]> = [
    ['region', '--region', ['bedrock']],
    ['profile', '--profile', ['bedrock']],
    ['deployment', '--deployment', ['azure']],
    ['apiVersion', '--api-version', ['azure']],
    ['api', '--api', ['azure', 'openai']],
  ];
  for (const [key, flag, providers] of only) {
    if (flags[key] !== undefined && !providers.includes(provider)) throw new UsageError(`${flag} applies to --provider ${providers.join(' or ')}, not ${provider}`);
  }
}

function required(value: string | undefined, modelRequired: boolean, message: string): string {
  if (set(value)) return value;
  if (!modelRequired) return UNSPECIFIED_MODEL;
  throw new UsageError(message);
}

function bedrockInput(flags: ProviderFlags, env: Env, opts: ResolveOptions): ProviderProfileInput {
  const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!set(region)) throw new UsageError('--provider bedrock needs --region or AWS_REGION (e.g. us-east-1)');
  const endpoint = flags.endpoint ?? env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
  // An explicit --profile means the credential chain, even with a Bedrock API key in the environment.
  const auth = !set(flags.profile) && set(env.AWS_BEARER_TOKEN_BEDROCK) ? { type: 'apiKey' as const } : { type: 'chain' as const, ...(set(flags.profile ?? env.AWS_PROFILE) ? { profile: flags.profile ?? env.AWS_PROFILE } : {}) };
  return {
    name: 'cli-bedrock',
    provider: 'bedrock',
    model: required(flags.model, opts.modelRequired, '--provider bedrock needs --model (a Bedrock model id or inference profile id, e.g. us.anthropic.claude-sonnet-4-5-20250929-v1:0)'),
    region,
    auth,
    ...(set(endpoint) ? { endpoint } : {}),
  };
}

function azureInput(flags: ProviderFlags, env: Env, opts: ResolveOptions): ProviderProfileInput {
  const endpoint = flags.endpoint ?? env.AZURE_OPENAI_ENDPOINT;
  if (!set(endpoint)) throw new UsageError('--provider azure needs --endpoint or AZURE_OPENAI_ENDPOINT (https://<resource>.openai.azure.com)');
  const deployment = required(flags.deployment ?? env.AZURE_OPENAI_DEPLOYMENT ?? flags.model, opts.modelRequired, '--provider azure needs --deployment or AZURE_OPENAI_DEPLOYMENT (the deployment name in Azure AI Foundry)');
  const api = flags.api ?? 'auto';
  if (!['auto', 'responses', 'chat'].includes(api)) throw new UsageError(`--api for azure is auto, responses or chat, not '${api}'`);
  const apiVersion = flags.apiVersion ?? env.OPENAI_API_VERSION;
  return {
    name: 'cli-azure',
    provider: 'azure',
    model: flags.model ?? deployment,
    endpoint,
    deployment,
    api: api as 'auto' | 'responses' | 'chat',
    ...(set(apiVersion) ? { apiVersion } : {}),
    // The key is read from AZURE_OPENAI_API_KEY by the client; without one, Entra ID (DefaultAzureCredential).
    auth: set(env.AZURE_OPENAI_API_KEY) ? { type: 'apiKey' } : { type: 'entra' },
  };
}

function openaiInput(flags: ProviderFlags, env: Env, opts: ResolveOptions): ProviderProfileInput {
  const api = flags.api ?? 'responses';
  if (!['responses', 'chat'].includes(api)) throw new UsageError(`--api for openai is responses or chat, not '${api}'`);
  const baseUrl = flags.endpoint ?? env.OPENAI_BASE_URL;
  return {
    name: 'cli-openai',
    provider: 'openai',
    model: required(flags.model, opts.modelRequired, '--provider openai needs --model (e.g. gpt-5)'),
    api: api as 'responses' | 'chat',
    ...(set(baseUrl) ? { baseUrl } : {}),
    auth: { type: 'apiKey' },
  };
}

const FLAG_OF: Record<string, string> = { endpoint: '--endpoint', baseUrl: '--endpoint', region: '--region', deployment: '--deployment', model: '--model', apiVersion: '--api-version', api: '--api' };

export function resolveProviderProfile(flags: ProviderFlags, env: Env, opts: ResolveOptions = { modelRequired: true }): ProviderProfile {
  const provider = flags.provider ?? inferProvider(flags, env);
  if (provider !== 'bedrock' && provider !== 'azure' && provider !== 'openai') throw new UsageError(`--provider is bedrock, azure or openai, not '${provider}'`);
  rejectForeignFlags(provider, flags);
  const input = provider === 'bedrock' ? bedrockInput(flags, env, opts) : provider === 'azure' ? azureInput(flags, env, opts) : openaiInput(flags, env, opts);
  if (flags.effort !== undefined) input.reasoningEffort = checkedEffort(flags.effort, provider, input);
  const parsed = ProviderProfile.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const value = (input as Record<string, unknown>)[key];
      return `${FLAG_OF[key] ?? key}${typeof value === 'string' ? ` '${value}'` : ''}: ${i.message}`;
    });
    throw new UsageError(problems.join('; '));
  }
  return parsed.data;
}

/**
 * --effort, checked against the model before any request: a value no model takes, 'none' on a model that
 * always reasons, or any effort on a model without reasoning control is a usage error naming what the
 * model takes; a value it does not take but has a neighbour for is kept (the adapter sends the nearest).
 */
function checkedEffort(value: string, provider: ProviderKind, input: ProviderProfileInput): ReasoningEffort {
  const effort = ReasoningEffort.safeParse(value);
  if (!effort.success) throw new UsageError(`--effort is one of ${REASONING_EFFORTS.join(', ')}, not '${value}'`);
  const model = input.model;
  if (model === UNSPECIFIED_MODEL) return effort.data;
  const resolved = resolveEffort(model, provider, effort.data);
  if (!resolved.ok) throw new UsageError(`--effort ${value}: ${resolved.message}`);
  if (resolved.ignored && effort.data !== 'none') throw new UsageError(`--effort ${value}: ${model} takes no reasoning effort; leave --effort out`);
  return effort.data;
}
