// The dispatcher's side of a cloud task: InvokeAgentRuntime (one JSON payload in, one JSON answer out)
// and StopRuntimeSession (ends the session's microVM and its billing) through
// @aws-sdk/client-bedrock-agentcore. Errors come back as one sentence that names the fix.
import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand, StopRuntimeSessionCommand } from '@aws-sdk/client-bedrock-agentcore';
import { awsClientConfig, parseRuntimeArn } from './aws-config';

type Env = Record<string, string | undefined>;

export interface RuntimeTarget {
  runtimeArn: string;
  /** At least 33 characters (AgentCore's rule); one per task. */
  sessionId: string;
  qualifier?: string;
  profile?: string;
}

export class AgentCoreCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentCoreCallError';
  }
}

/** What the SDK threw, as one sentence with the fix for the usual causes. */
export function describeAgentCoreError(e: unknown, action: string): AgentCoreCallError {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name ?? 'Error';
  const message = err.message ?? String(e);
  const fix =
    name === 'AccessDeniedException'
      ? ' Your AWS identity needs bedrock-agentcore:InvokeAgentRuntime (and StopRuntimeSession) on the runtime.'
      : name === 'ResourceNotFoundException'
        ? ' Check the runtime ARN (crosswind cloud deploy prints it) and its region.'
        : name === 'RuntimeClientError'
          ? " The runtime's container failed to answer: see its log group in CloudWatch (/aws/bedrock-agentcore/runtimes/…)."
          : /credential/i.test(message)
            ? ' Sign in to AWS first (aws sso login, or AWS_PROFILE / AWS_ACCESS_KEY_ID).'
            : '';
  return new AgentCoreCallError(`AgentCore ${action} failed: ${name}: ${message}.${fix}`);
}

function client(env: Env, target: RuntimeTarget): BedrockAgentCoreClient {
  const arn = parseRuntimeArn(target.runtimeArn);
  if (!arn) throw new AgentCoreCallError(`'${target.runtimeArn}' is not an AgentCore runtime ARN (arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID)`);
  return new BedrockAgentCoreClient({ ...awsClientConfig(env, 'BEDROCK_AGENTCORE', { region: arn.region, ...(target.profile ? { profile: target.profile } : {}) }), maxAttempts: 3 });
}

/** One invocation: `payload` as JSON in, the container's JSON answer out. */
export async function invokeRuntime(env: Env, target: RuntimeTarget, payload: object, options: { runtimeUserId?: string; signal?: AbortSignal } = {}): Promise<unknown> {
  const c = client(env, target);
  try {
    const out = await c.send(
      new InvokeAgentRuntimeCommand({
        agentRuntimeArn: target.runtimeArn,
        runtimeSessionId: target.sessionId,
        ...(target.qualifier ? { qualifier: target.qualifier } : {}),
        ...(options.runtimeUserId ? { runtimeUserId: options.runtimeUserId } : {}),
        contentType: 'application/json',
        accept: 'application/json',
        payload: new TextEncoder().encode(JSON.stringify(payload)),
      }),
      options.signal ? { abortSignal: options.signal } : {},
    );
    const text = out.response ? await out.response.transformToString('utf8') : '';
    try {
      return JSON.parse(text);
    } catch {
      throw new AgentCoreCallError(`AgentCore answered something that is not JSON (${out.contentType ?? 'no content type'}): ${text.slice(0, 200)}`);
    }
  } catch (e) {
    if (e instanceof AgentCoreCallError) throw e;
    throw describeAgentCoreError(e, 'InvokeAgentRuntime');
  } finally {
    c.destroy();
  }
}

/** Ends the runtime session (its microVM): whatever ran there is gone, and so is its billing. */
export async function stopRuntimeSession(env: Env, target: RuntimeTarget): Promise<void> {
  const c = client(env, target);
  try {
    await c.send(new StopRuntimeSessionCommand({ agentRuntimeArn: target.runtimeArn, runtimeSessionId: target.sessionId, ...(target.qualifier ? { qualifier: target.qualifier } : {}) }));
  } catch (e) {
    throw describeAgentCoreError(e, 'StopRuntimeSession');
  } finally {
    c.destroy();
  }
}
