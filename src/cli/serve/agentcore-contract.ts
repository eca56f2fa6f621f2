// The AgentCore Runtime HTTP protocol contract, as `crosswind serve` implements it. Sources:
// - "HTTP protocol contract" (docs.aws.amazon.com/bedrock-agentcore/latest/devguide/runtime-http-protocol-contract.html):
//   the container listens on 0.0.0.0:8080 (ARM64 image); POST /invocations takes JSON and answers JSON or
//   SSE; GET /ping answers {"status": "Healthy" | "HealthyBusy"}.
// - "Handle asynchronous and long running agents" (…/devguide/runtime-long-run.html): HealthyBusy while
//   background work runs keeps the session from being ended as idle.
// - LifecycleConfiguration (bedrock-agentcore-control API reference): idleRuntimeSessionTimeout defaults to
//   900 s (15 min), maxLifetime to 28800 s (8 h), the most a microVM session may live.
// - "Invoke an AgentCore Runtime agent" (…/devguide/runtime-invoke-agent.html): InvokeAgentRuntime
//   accepts a payload of up to 100 MB.
// - aws/bedrock-agentcore-sdk-python, src/bedrock_agentcore/runtime/app.py and models.py: the reference
//   server answers /ping with {"status", "time_of_last_update"} (Unix seconds of the last status change —
//   without it the platform's idle reaper ends a HealthyBusy session, issue #471 there), and reads the
//   session from X-Amzn-Bedrock-AgentCore-Runtime-Session-Id, the request id from
//   X-Amzn-Bedrock-AgentCore-Runtime-Request-Id.
// - @aws-sdk/client-bedrock-agentcore's InvokeAgentRuntime: runtimeUserId travels as
//   X-Amzn-Bedrock-AgentCore-Runtime-User-Id.

export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_PORT = 8080;
export const PING_PATH = '/ping';
export const INVOCATIONS_PATH = '/invocations';

/** Header names, lower-cased as Node's http module presents them. */
export const SESSION_HEADER = 'x-amzn-bedrock-agentcore-runtime-session-id';
export const REQUEST_ID_HEADER = 'x-amzn-bedrock-agentcore-runtime-request-id';
export const USER_ID_HEADER = 'x-amzn-bedrock-agentcore-runtime-user-id';

/** InvokeAgentRuntime's payload limit: a larger body cannot have come through AgentCore. */
export const MAX_INVOCATION_BYTES = 100 * 1024 * 1024;

/** A microVM session lives at most 8 hours (maxLifetime): no task may be allowed longer. */
export const MAX_TASK_SECONDS = 8 * 60 * 60;

export type PingStatus = 'Healthy' | 'HealthyBusy';
