// Shapes shared by every part of the protocol: ids, providers, usage, cost and typed failures.
import * as z from 'zod';

/** Bumped on any incompatible change to a method or payload; the client refuses a different major. */
export const PROTOCOL_VERSION = 1;

export const Id = z.string().min(1).max(200);
/** Epoch milliseconds. */
export const EpochMs = z.number().int().nonnegative();

export const ProviderKind = z.enum(['bedrock', 'azure', 'openai']);
export type ProviderKind = z.infer<typeof ProviderKind>;

/** Token counts as the provider reported them for one request (or summed over several). */
export const Usage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheReadTokens: z.number().int().nonnegative().default(0),
  cacheWriteTokens: z.number().int().nonnegative().default(0),
  reasoningTokens: z.number().int().nonnegative().default(0),
});
export type Usage = z.infer<typeof Usage>;

/**
 * Money in US dollars. `usd` is null when a price was unknown for some of the usage: unknown is shown as
 * unknown, never as zero. `partialUsd` is what the known part cost.
 */
export const Cost = z.object({
  usd: z.number().nonnegative().nullable(),
  partialUsd: z.number().nonnegative().default(0),
  unpricedModels: z.array(z.string()).default([]),
});
export type Cost = z.infer<typeof Cost>;

/** Which provider/model served a request, as shown to the user and written to the audit log. */
export const ServedBy = z.object({
  profile: z.string(),
  provider: ProviderKind,
  model: z.string(),
  /** Region (Bedrock), endpoint host (Azure/OpenAI). */
  location: z.string().optional(),
  /**
   * The foundation model behind an opaque id (a Bedrock application inference-profile ARN, named by
   * GetInferenceProfile): what prices, families and capabilities follow. `model` stays what was invoked.
   */
  underlyingModel: z.string().optional(),
});
export type ServedBy = z.infer<typeof ServedBy>;

/** Every failure the engine reports is one of these kinds, each with a message a user can act on. */
export const ErrorKind = z.enum([
  'throttled',
  'authExpired',
  'authInvalid',
  'accessDenied',
  'quota',
  'contextTooLong',
  'invalidRequest',
  'server',
  'network',
  'cancelled',
  'budgetExceeded',
  'notTrusted',
  'configuration',
  'internal',
]);
export type ErrorKind = z.infer<typeof ErrorKind>;

export const ErrorInfo = z.object({
  kind: ErrorKind,
  message: z.string(),
  /** A concrete next step, e.g. `aws sso login --profile dev`. */
  fix: z.string().optional(),
  /** A command the user can run in a terminal to fix it (shown as a button). */
  fixCommand: z.string().optional(),
  provider: ProviderKind.optional(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  requestId: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;
