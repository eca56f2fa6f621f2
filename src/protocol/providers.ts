// Provider profiles: how to reach a model on one cloud. They hold no secret: keys live in VS Code's
// SecretStorage (asked for by the engine through `auth/secret`) or in the cloud's own credential chain.
import * as z from 'zod';
import { ProviderKind } from './common';

/** From least to most reasoning; each model accepts only some (src/core/model/capabilities.ts). */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
export const ReasoningEffort = z.enum(REASONING_EFFORTS);
export type ReasoningEffort = z.infer<typeof ReasoningEffort>;

const ProfileBase = z.object({
  /** Unique, user-chosen name ("bedrock-us", "azure-prod"). */
  name: z.string().min(1).max(80),
  model: z.string().min(1),
  reasoningEffort: ReasoningEffort.optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  /** Context window in tokens, when the user knows better than the built-in table. */
  contextWindow: z.number().int().positive().optional(),
  /** Profile names to continue on when this one is throttled, out of capacity or down. */
  fallbacks: z.array(z.string()).default([]),
});

export const BedrockAuth = z.discriminatedUnion('type', [
  /** The AWS SDK's default chain: environment, shared files, SSO, credential_process, web identity, container/instance role. */
  z.object({ type: z.literal('chain'), profile: z.string().optional() }),
  /** A Bedrock API key (bearer token), read from SecretStorage or AWS_BEARER_TOKEN_BEDROCK. */
  z.object({ type: z.literal('apiKey'), secretId: z.string().optional() }),
]);
export type BedrockAuth = z.infer<typeof BedrockAuth>;

export const BedrockProfile = ProfileBase.extend({
  provider: z.literal('bedrock'),
  region: z.string().min(1),
  auth: BedrockAuth,
  /** VPC endpoint or other override for bedrock-runtime (Converse, and /openai/v1 for GPT-5.6+). */
  endpoint: z.string().url().optional(),
  /** Override for bedrock-mantle's OpenAI API (GPT-5.4/5.5), e.g. https://bedrock-mantle.us-east-2.api.aws/openai/v1. */
  mantleEndpoint: z.string().url().optional(),
  /** Override for the control plane (model list, GetInferenceProfile); else AWS_ENDPOINT_URL_BEDROCK. */
  controlEndpoint: z.string().url().optional(),
  /** Override for STS (the identity check); else AWS_ENDPOINT_URL_STS. */
  stsEndpoint: z.string().url().optional(),
  guardrail: z.object({ id: z.string().min(1), version: z.string().min(1), trace: z.boolean().default(false) }).optional(),
  /** Turn off prompt caching even where the model supports it. */
  disablePromptCache: z.boolean().default(false),
});
export type BedrockProfile = z.infer<typeof BedrockProfile>;

export const AzureAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('apiKey'), secretId: z.string().optional() }),
  /** DefaultAzureCredential: environment service principal, workload identity, managed identity, Azure CLI, azd. */
  z.object({ type: z.literal('entra'), tenantId: z.string().optional(), authorityHost: z.string().url().optional() }),
  /** VS Code's own Microsoft sign-in, handed to the engine through `auth/token`. */
  z.object({ type: z.literal('vscodeMicrosoft'), tenantId: z.string().optional() }),
]);
export type AzureAuth = z.infer<typeof AzureAuth>;

export const AzureProfile = ProfileBase.extend({
  provider: z.literal('azure'),
  /** https://<resource>.openai.azure.com or https://<resource>.services.ai.azure.com */
  endpoint: z.string().url(),
  deployment: z.string().min(1),
  /** Used when the resource has no v1 API and Chat Completions is used. */
  apiVersion: z.string().default('2025-04-01-preview'),
  /** `auto` probes the v1 (Responses) API once per endpoint and remembers. */
  api: z.enum(['auto', 'responses', 'chat']).default('auto'),
  auth: AzureAuth,
  /** Token scope; sovereign clouds use e.g. https://cognitiveservices.azure.us/.default */
  scope: z.string().default('https://cognitiveservices.azure.com/.default'),
});
export type AzureProfile = z.infer<typeof AzureProfile>;

export const OpenAIProfile = ProfileBase.extend({
  provider: z.literal('openai'),
  /** For compatible gateways; defaults to https://api.openai.com/v1 */
  baseUrl: z.string().url().optional(),
  api: z.enum(['responses', 'chat']).default('responses'),
  auth: z.object({ type: z.literal('apiKey'), secretId: z.string().optional() }),
  organization: z.string().optional(),
  project: z.string().optional(),
});
export type OpenAIProfile = z.infer<typeof OpenAIProfile>;

export const ProviderProfile = z.discriminatedUnion('provider', [BedrockProfile, AzureProfile, OpenAIProfile]);
export type ProviderProfile = z.infer<typeof ProviderProfile>;
/** What a settings file or flag holds before defaults are applied. */
export type ProviderProfileInput = z.input<typeof ProviderProfile>;

export const ModelInfo = z.object({
  id: z.string(),
  name: z.string().optional(),
  provider: ProviderKind,
  /** e.g. "Anthropic", "OpenAI", "Meta", "Amazon" */
  vendor: z.string().optional(),
  /** Bedrock: an inference profile id/ARN to use instead of the bare model id. */
  inferenceProfile: z.string().optional(),
  contextWindow: z.number().int().positive().optional(),
  supportsTools: z.boolean().optional(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

/** Who the engine is acting as: the STS caller ARN, the Entra account, or a key fingerprint. */
export const Identity = z.object({
  provider: ProviderKind,
  /** arn:aws:sts::123456789012:assumed-role/dev/alice, alice@contoso.com, or "API key …a1b2" */
  principal: z.string(),
  account: z.string().optional(),
  tenantId: z.string().optional(),
  /** How it was obtained: "sso", "profile", "env", "apiKey", "managedIdentity", "vscode"… */
  source: z.string().optional(),
});
export type Identity = z.infer<typeof Identity>;
