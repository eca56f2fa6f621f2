// Engine settings the front end sends: approval policy, trust, profiles, prices, budgets.
import * as z from 'zod';
import { DEFAULT_COMMAND_DENY } from './command-deny';
import { McpServerConfig } from './mcp';
import { ProviderProfile } from './providers';

export const ApprovalPolicy = z.enum(['read-only', 'auto-edit', 'full-auto']);
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

/**
 * A price no model has: far above any list price, and low enough that usage × price stays a finite
 * number of micro-dollars (1e308 once passed validation and failed after the paid request).
 */
export const MAX_USD_PER_MILLION_TOKENS = 100_000;
const usdPerMillion = z.number().nonnegative().max(MAX_USD_PER_MILLION_TOKENS, `at most ${MAX_USD_PER_MILLION_TOKENS} US dollars per million tokens`);

/** US dollars per million tokens. */
export const ModelPrice = z.object({
  input: usdPerMillion,
  output: usdPerMillion,
  cacheRead: usdPerMillion.optional(),
  cacheWrite: usdPerMillion.optional(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/** Keys are `<provider>/<model or deployment>`, e.g. `bedrock/openai.gpt-5.5`, `azure/my-gpt5-deployment`. */
export const PriceTable = z.record(z.string().regex(/^(bedrock|azure|openai)\/.+/), ModelPrice);
export type PriceTable = z.infer<typeof PriceTable>;

export const Budgets = z.object({
  perTurnUsd: z.number().positive().optional(),
  perDayUsd: z.number().positive().optional(),
});
export type Budgets = z.infer<typeof Budgets>;

/**
 * Where the editor dispatches cloud tasks (the crosswind.cloud.* settings). No credential: the engine
 * signs with the AWS credential chain (profile, SSO, environment), as `crosswind cloud` does.
 */
export const CloudSettings = z.object({
  /** The AgentCore runtime (arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID); its region is the ARN's. */
  runtimeArn: z.string().optional(),
  qualifier: z.string().optional(),
  /** The AWS profile to sign with (default: the credential chain's own default). */
  awsProfile: z.string().optional(),
  /** An endpoint override for the AgentCore data plane (a VPC endpoint; tests). */
  endpoint: z.string().url().optional(),
  /** The approval policy the task runs under in the runtime (nobody can answer a question there). */
  approval: ApprovalPolicy.default('auto-edit'),
});
export type CloudSettings = z.infer<typeof CloudSettings>;

export const EngineSettings = z.object({
  approvalPolicy: ApprovalPolicy.default('read-only'),
  /** False in VS Code's Restricted Mode: reading and chatting only. */
  trusted: z.boolean().default(true),
  /** Command prefixes that never ask / are always refused, e.g. ["git status"], ["rm -rf"]. */
  commandAllow: z.array(z.string()).default([]),
  commandDeny: z.array(z.string()).default([...DEFAULT_COMMAND_DENY]),
  /** Globs that need explicit approval whatever the policy. */
  protectedPaths: z.array(z.string()).default(['.env*', '**/.env*', '*.pem', '**/*.pem', '*.key', '**/*.key', 'id_*', '**/id_*']),
  /** Pass the cloud credentials in the environment of shell commands (off by default). */
  shellPassCloudCredentials: z.boolean().default(false),
  /** Let sandboxed commands use the network (off by default: the sandbox has no network). */
  shellNetwork: z.boolean().default(false),
  profiles: z.array(ProviderProfile).default([]),
  activeProfile: z.string().optional(),
  pricing: PriceTable.default({}),
  budgets: Budgets.default({}),
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(10).default(4),
      baseDelayMs: z.number().int().min(0).max(60_000).default(500),
      maxDelayMs: z.number().int().min(0).max(300_000).default(20_000),
      /** A stream that sends nothing for this long has stalled: it is dropped and retried. */
      idleTimeoutMs: z.number().int().min(100).max(900_000).default(120_000),
    })
    .default({ maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 20_000, idleTimeoutMs: 120_000 }),
  /** Audit log file; default: the engine's storage folder. */
  auditLogPath: z.string().optional(),
  /** MCP tool servers by name (mcp.json files and crosswind.mcpServers, merged by the front end). */
  mcpServers: z.record(z.string(), McpServerConfig).default({}),
  /** MCP tools that run without asking under auto-edit: `server` (all its tools) or `server/tool`. */
  mcpAllow: z.array(z.string()).default([]),
  /** Where "Run in the cloud" sends a task (crosswind.cloud.*). */
  cloud: CloudSettings.default({ approval: 'auto-edit' }),
});
export type EngineSettings = z.infer<typeof EngineSettings>;
export type EngineSettingsInput = z.input<typeof EngineSettings>;
