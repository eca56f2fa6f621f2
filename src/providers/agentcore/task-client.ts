// The dispatcher's (the CLI's and the editor engine's) typed view of a task in AgentCore: each call is one InvokeAgentRuntime with a JSON
// action, and each answer is checked against the protocol's schema — a refusal ({"error": …}) becomes a
// CloudTaskRefused naming the server's reason, anything else unexpected a plain error saying what came.
import { invokeRuntime, type RuntimeTarget } from './runtime-invoke';
import {
  CloudTaskCancelResult,
  CloudTaskError,
  CloudTaskEventsResult,
  CloudTaskResult,
  CloudTaskStartResult,
  type CloudTaskCancelResult as CancelResult,
  type CloudTaskEventsResult as EventsResult,
  type CloudTaskInvocation,
  type CloudTaskResult as ResultAnswer,
  type CloudTaskStartResult as StartResult,
  type CloudTaskStartRequest,
} from '../../protocol';

export class CloudTaskRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudTaskRefused';
  }
}

type Env = Record<string, string | undefined>;

/** A protocol schema, as far as this file needs one (this layer does not import zod itself). */
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } };
}

export class AgentCoreTaskClient {
  constructor(
    private readonly env: Env,
    private readonly target: RuntimeTarget,
    private readonly runtimeUserId?: string,
  ) {}

  private async call<T>(payload: CloudTaskInvocation | CloudTaskStartRequest, schema: Schema<T>, signal?: AbortSignal): Promise<T> {
    const answer = await invokeRuntime(this.env, this.target, payload, { ...(this.runtimeUserId ? { runtimeUserId: this.runtimeUserId } : {}), ...(signal ? { signal } : {}) });
    const refused = CloudTaskError.safeParse(answer);
    if (refused.success) throw new CloudTaskRefused(refused.data.error.code, refused.data.error.message);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new Error(`the runtime's answer to "${payload.action}" is not what crosswind serve sends (${parsed.error.issues[0]?.message}): is the runtime's image crosswind's?`);
    return parsed.data;
  }

  start(request: CloudTaskStartRequest): Promise<StartResult> {
    return this.call(request, CloudTaskStartResult);
  }

  events(taskId: string, afterSeq: number, options: { waitSeconds?: number; limit?: number; signal?: AbortSignal } = {}): Promise<EventsResult> {
    return this.call(
      { action: 'events', taskId, afterSeq, ...(options.waitSeconds ? { waitSeconds: options.waitSeconds } : {}), ...(options.limit ? { limit: options.limit } : {}) },
      CloudTaskEventsResult,
      options.signal,
    );
  }

  result(taskId: string): Promise<ResultAnswer> {
    return this.call({ action: 'result', taskId }, CloudTaskResult);
  }

  cancel(taskId: string): Promise<CancelResult> {
    return this.call({ action: 'cancel', taskId }, CloudTaskCancelResult);
  }
}
