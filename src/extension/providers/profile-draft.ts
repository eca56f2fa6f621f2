// The profile the picker is filling in, and how it becomes the settings entry. Only what the user chose
// is written (defaults stay implicit, so settings.json stays short); the key itself is never part of
// it — only the SecretStorage id it was stored under. Pure: no vscode import.
import { ProviderProfile, type ProviderKind, type ProviderProfileInput } from '../../protocol';

export type DraftAuth =
  | { type: 'chain'; profile?: string }
  | { type: 'apiKey' }
  | { type: 'entra' }
  | { type: 'vscodeMicrosoft' };

export interface ProfileDraft {
  provider?: ProviderKind;
  auth?: DraftAuth;
  /** Held in memory only until it is stored in SecretStorage. */
  apiKey?: string;
  /** Bedrock. */
  region?: string;
  /** Azure (required) or Bedrock (optional override). */
  endpoint?: string;
  deployment?: string;
  /** OpenAI-compatible gateway; empty means api.openai.com. */
  baseUrl?: string;
  model?: string;
  name?: string;
  scope?: 'user' | 'workspace';
}

export const CLOUD_LABELS: Record<ProviderKind, string> = { bedrock: 'Amazon Bedrock', azure: 'Azure OpenAI / AI Foundry', openai: 'OpenAI' };
export const CLOUD_SHORT: Record<ProviderKind, string> = { bedrock: 'Bedrock', azure: 'Azure', openai: 'OpenAI' };

/** Stands in for the model while the picker lists models (the field is required, the listing ignores it). */
const MODEL_NOT_CHOSEN = '(not chosen yet)';

/** The settings entry: only what the user chose, plus the secret's id when a key is used. */
export function draftToInput(d: ProfileDraft, secretId?: string): ProviderProfileInput {
  const name = d.name ?? 'draft';
  const model = d.model ?? (d.provider === 'azure' ? (d.deployment ?? MODEL_NOT_CHOSEN) : MODEL_NOT_CHOSEN);
  const keyAuth = { type: 'apiKey' as const, ...(secretId ? { secretId } : {}) };
  switch (d.provider) {
    case 'bedrock':
      return {
        name,
        provider: 'bedrock',
        model,
        region: d.region ?? 'us-east-1',
        auth: d.auth?.type === 'apiKey' ? keyAuth : { type: 'chain', ...(d.auth?.type === 'chain' && d.auth.profile ? { profile: d.auth.profile } : {}) },
        ...(d.endpoint ? { endpoint: d.endpoint } : {}),
      };
    case 'azure':
      return {
        name,
        provider: 'azure',
        model,
        endpoint: d.endpoint ?? '',
        deployment: d.deployment ?? '',
        auth: d.auth?.type === 'entra' ? { type: 'entra' } : d.auth?.type === 'vscodeMicrosoft' ? { type: 'vscodeMicrosoft' } : keyAuth,
      };
    case 'openai':
      return { name, provider: 'openai', model, auth: keyAuth, ...(d.baseUrl ? { baseUrl: d.baseUrl } : {}) };
    default:
      throw new Error('No cloud chosen yet.');
  }
}

/** The profile as the engine takes it (defaults applied); throws when the draft is incomplete. */
export function draftToProfile(d: ProfileDraft, secretId?: string): ProviderProfile {
  return ProviderProfile.parse(draftToInput(d, secretId));
}

/** "bedrock-us-east-1", "azure-contoso", "openai" — made unique against the names already saved. */
export function suggestedName(d: ProfileDraft, taken: readonly string[]): string {
  let base: string = d.provider ?? 'profile';
  if (d.provider === 'bedrock' && d.region) base = `bedrock-${d.region}`;
  if (d.provider === 'azure' && d.endpoint) {
    try {
      base = `azure-${new URL(d.endpoint).hostname.split('.')[0]}`;
    } catch {
      // Keep the plain base: the endpoint was validated, but a name is no reason to fail.
    }
  }
  if (d.provider === 'openai' && d.baseUrl) {
    try {
      base = `openai-${new URL(d.baseUrl).hostname.split('.')[0]}`;
    } catch {
      // As above.
    }
  }
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}-${i}`)) return `${base}-${i}`;
}

/** Where a profile points, for one line of the picker: region, endpoint host or base URL host. */
export function profileLocation(p: ProviderProfile): string {
  if (p.provider === 'bedrock') return p.endpoint ? `${p.region} · ${hostOf(p.endpoint)}` : p.region;
  if (p.provider === 'azure') return `${hostOf(p.endpoint)} · deployment ${p.deployment}`;
  return p.baseUrl ? hostOf(p.baseUrl) : 'api.openai.com';
}

/** How a profile signs in, in a few words. */
export function profileAuthLabel(p: ProviderProfile): string {
  const a = p.auth;
  if (a.type === 'apiKey') return 'API key';
  if (a.type === 'chain') return a.profile ? `AWS profile ${a.profile}` : 'AWS credentials from the environment';
  if (a.type === 'entra') return 'DefaultAzureCredential';
  return 'Microsoft sign-in';
}

/** The model a profile runs (Azure: the deployment, which is what is billed and shown). */
export function profileModel(p: ProviderProfile): string {
  return p.provider === 'azure' ? p.deployment : p.model;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
