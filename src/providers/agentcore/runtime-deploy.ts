// `crosswind cloud deploy`: the AgentCore runtime that runs `crosswind serve`, created or updated in place
// through @aws-sdk/client-bedrock-agentcore-control — found by name (ListAgentRuntimes), then
// UpdateAgentRuntime with the new image and role, or CreateAgentRuntime; then, unless told not to, waited
// for (GetAgentRuntime) until READY or a failure.
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  ListAgentRuntimesCommand,
  UpdateAgentRuntimeCommand,
  type AgentRuntimeStatus,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { awsClientConfig } from './aws-config';
import { describeAgentCoreError } from './runtime-invoke';

type Env = Record<string, string | undefined>;

export interface DeployRequest {
  region: string;
  profile?: string;
  name: string;
  imageUri: string;
  roleArn: string;
  description?: string;
  /** Environment variables of the runtime (e.g. the model's region); never secrets (use Secrets Manager). */
  environment?: Record<string, string>;
  /** Idle session timeout and maximum lifetime, in seconds. */
  idleSeconds?: number;
  maxLifetimeSeconds?: number;
}

export interface DeployOutcome {
  action: 'created' | 'updated';
  runtimeArn: string;
  runtimeId: string;
  version: string;
  status: string;
}

async function findByName(c: BedrockAgentCoreControlClient, name: string): Promise<string | undefined> {
  let nextToken: string | undefined;
  // Bounded: 50 pages of 100 runtimes is far beyond the per-account quota.
  for (let page = 0; page < 50; page++) {
    const out = await c.send(new ListAgentRuntimesCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
    const hit = out.agentRuntimes?.find((r) => r.agentRuntimeName === name);
    if (hit) return hit.agentRuntimeId;
    nextToken = out.nextToken;
    if (!nextToken) return undefined;
  }
  return undefined;
}

export function controlClient(env: Env, region: string, profile?: string): BedrockAgentCoreControlClient {
  return new BedrockAgentCoreControlClient({ ...awsClientConfig(env, 'BEDROCK_AGENTCORE_CONTROL', { region, ...(profile ? { profile } : {}) }), maxAttempts: 3 });
}

export async function deployRuntime(env: Env, req: DeployRequest): Promise<DeployOutcome> {
  const c = controlClient(env, req.region, req.profile);
  const common = {
    agentRuntimeArtifact: { containerConfiguration: { containerUri: req.imageUri } },
    roleArn: req.roleArn,
    networkConfiguration: { networkMode: 'PUBLIC' as const },
    protocolConfiguration: { serverProtocol: 'HTTP' as const },
    ...(req.description ? { description: req.description } : {}),
    ...(req.environment && Object.keys(req.environment).length ? { environmentVariables: req.environment } : {}),
    ...(req.idleSeconds || req.maxLifetimeSeconds
      ? { lifecycleConfiguration: { ...(req.idleSeconds ? { idleRuntimeSessionTimeout: req.idleSeconds } : {}), ...(req.maxLifetimeSeconds ? { maxLifetime: req.maxLifetimeSeconds } : {}) } }
      : {}),
  };
  try {
    const existing = await findByName(c, req.name);
    if (existing) {
      const out = await c.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: existing, ...common }));
      return { action: 'updated', runtimeArn: out.agentRuntimeArn!, runtimeId: out.agentRuntimeId!, version: out.agentRuntimeVersion!, status: out.status! };
    }
    const out = await c.send(new CreateAgentRuntimeCommand({ agentRuntimeName: req.name, ...common }));
    return { action: 'created', runtimeArn: out.agentRuntimeArn!, runtimeId: out.agentRuntimeId!, version: out.agentRuntimeVersion!, status: out.status! };
  } catch (e) {
    throw describeAgentCoreError(e, 'deploy');
  } finally {
    c.destroy();
  }
}

const SETTLED: ReadonlySet<AgentRuntimeStatus | string> = new Set(['READY', 'CREATE_FAILED', 'UPDATE_FAILED', 'DELETING']);

/** Polls GetAgentRuntime until the runtime settles (READY or a failure), at most `limitMs`. */
export async function waitForRuntime(env: Env, region: string, runtimeId: string, options: { profile?: string; limitMs: number; everyMs: number }): Promise<{ status: string; failureReason?: string }> {
  const c = controlClient(env, region, options.profile);
  const deadline = Date.now() + options.limitMs;
  try {
    for (;;) {
      const out = await c.send(new GetAgentRuntimeCommand({ agentRuntimeId: runtimeId }));
      if (SETTLED.has(out.status ?? '') || Date.now() + options.everyMs > deadline) return { status: out.status ?? 'UNKNOWN', ...(out.failureReason ? { failureReason: out.failureReason } : {}) };
      await new Promise((r) => setTimeout(r, options.everyMs));
    }
  } catch (e) {
    throw describeAgentCoreError(e, 'GetAgentRuntime');
  } finally {
    c.destroy();
  }
}
