// Cloud tasks: what `crosswind cloud` (and, later, the editor) sends to `crosswind serve` inside Amazon
// Bedrock AgentCore Runtime, and what it answers. One JSON body per POST /invocations, tagged by `action`
// (start, events, result, cancel); every answer is one JSON object. Declared once here so the dispatcher,
// the server and the editor cannot drift apart.
import * as z from 'zod';
import { Cost, EpochMs, Id } from './common';
import { ApprovalPolicy } from './config';
import { REASONING_EFFORTS } from './providers';

/** A task id: chosen by the dispatcher, safe as a folder name and inside a runtime session id. */
export const CloudTaskId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'letters, digits, - and _ (at most 128), starting with a letter or digit');
export type CloudTaskId = z.infer<typeof CloudTaskId>;

export const CloudTaskStatus = z.enum(['running', 'completed', 'failed', 'cancelled']);
export type CloudTaskStatus = z.infer<typeof CloudTaskStatus>;

/**
 * Where the task's repository comes from: a git bundle (base64) holding exactly one ref — the dispatcher's
 * HEAD plus its uncommitted changes — or a URL the runtime's role can read (CodeCommit, an HTTPS remote
 * with a credential helper in the image) and a ref to check out.
 */
export const CloudTaskRepo = z.union([
  z.object({ bundle: z.string().min(1) }).strict(),
  z.object({ url: z.string().min(1).max(2048), ref: z.string().min(1).max(256).optional() }).strict(),
]);
export type CloudTaskRepo = z.infer<typeof CloudTaskRepo>;

/** The provider flags of `crosswind exec`, by the same names (camelCase); the rest comes from the runtime's environment. */
export const CloudTaskProvider = z
  .object({
    provider: z.enum(['bedrock', 'azure', 'openai']),
    model: z.string().min(1),
    region: z.string().min(1),
    profile: z.string().min(1),
    endpoint: z.string().min(1),
    deployment: z.string().min(1),
    apiVersion: z.string().min(1),
    api: z.string().min(1),
    effort: z.enum(REASONING_EFFORTS),
  })
  .partial()
  .strict();
export type CloudTaskProvider = z.infer<typeof CloudTaskProvider>;

/** 64 hex digits: the task's audit key, which the dispatcher keeps to verify the log it gets back. */
const AuditKeyHex = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');

export const CloudTaskStartRequest = z
  .object({
    action: z.literal('start'),
    taskId: CloudTaskId,
    prompt: z.string().min(1).max(200_000),
    repo: CloudTaskRepo,
    approval: ApprovalPolicy,
    budgetUsd: z.number().positive().optional(),
    provider: CloudTaskProvider.optional(),
    /** Who asked, as the dispatcher knows itself (its STS caller ARN): recorded in the task's audit log. */
    requestedBy: z.string().min(1).max(512).optional(),
    /** Keys the task's audit log (HMAC); without one the server makes a key and returns it with the result. */
    auditKey: AuditKeyHex.optional(),
    /** Shorter than the server's limit (never longer): the task is stopped and reported failed after it. */
    timeoutSeconds: z.number().int().positive().optional(),
  })
  .strict();
export type CloudTaskStartRequest = z.infer<typeof CloudTaskStartRequest>;

export const CloudTaskEventsRequest = z
  .object({
    action: z.literal('events'),
    taskId: CloudTaskId,
    /** Events with a larger seq are returned (0: from the first). */
    afterSeq: z.number().int().nonnegative().default(0),
    /** At most this many events in one answer (the server may send fewer: it also caps the bytes). */
    limit: z.number().int().positive().max(1000).optional(),
    /** Long poll: with nothing new, wait up to this long for an event or the task's end before answering. */
    waitSeconds: z.number().min(0).max(20).optional(),
  })
  .strict();
export type CloudTaskEventsRequest = z.infer<typeof CloudTaskEventsRequest>;

export const CloudTaskResultRequest = z.object({ action: z.literal('result'), taskId: CloudTaskId }).strict();
export const CloudTaskCancelRequest = z.object({ action: z.literal('cancel'), taskId: CloudTaskId }).strict();

export const CloudTaskInvocation = z.discriminatedUnion('action', [CloudTaskStartRequest, CloudTaskEventsRequest, CloudTaskResultRequest, CloudTaskCancelRequest]);
export type CloudTaskInvocation = z.infer<typeof CloudTaskInvocation>;

/**
 * One event: exactly a `crosswind exec --json` line (thread.started, turn.*, item.*) plus its `seq`
 * (1, 2, 3… per task), or one of the server's own task.* events around them (task.started: the base
 * commit and who runs it; task.finished: the final status).
 */
export const CloudTaskEvent = z.looseObject({ seq: z.number().int().positive(), type: z.string() });
export type CloudTaskEvent = z.infer<typeof CloudTaskEvent>;

export const CloudTaskStartResult = z.object({ taskId: CloudTaskId, status: CloudTaskStatus });
export type CloudTaskStartResult = z.infer<typeof CloudTaskStartResult>;

export const CloudTaskEventsResult = z.object({
  taskId: CloudTaskId,
  events: z.array(CloudTaskEvent),
  status: CloudTaskStatus,
  /** The seq to ask after next time (the last one sent, or afterSeq when none was). */
  lastSeq: z.number().int().nonnegative(),
  /** More events are already there: ask again at once. */
  more: z.boolean(),
});
export type CloudTaskEventsResult = z.infer<typeof CloudTaskEventsResult>;

export const CloudAuditHead = z.object({ seq: z.number().int().nonnegative(), hash: z.string(), mac: z.string().optional() });
export type CloudAuditHead = z.infer<typeof CloudAuditHead>;

/** Who a task ran as and for whom, as its first audit record says. */
export const CloudTaskIdentity = z.object({
  /** The runtime's AWS identity (STS caller ARN: the AgentCore execution role), or why it is unknown. */
  runtimeIdentity: z.string(),
  requestedBy: z.string().optional(),
  /** X-Amzn-Bedrock-AgentCore-Runtime-User-Id, when the invoker set one. */
  runtimeUserId: z.string().optional(),
  sessionId: z.string().optional(),
});
export type CloudTaskIdentity = z.infer<typeof CloudTaskIdentity>;

export const CloudTaskResult = z.object({
  taskId: CloudTaskId,
  status: CloudTaskStatus,
  /** `git diff --binary` from the base to the task's final files; null while running or when there were none. */
  patch: z.string().nullable(),
  /** utf8 (the default): `patch` is the diff itself; base64: the diff's bytes, which are not valid UTF-8. */
  patchEncoding: z.enum(['utf8', 'base64']).optional(),
  base: z.object({ commit: z.string(), tree: z.string() }).nullable(),
  costUsd: z.number().nonnegative().nullable(),
  cost: Cost.nullable(),
  /** The task's audit log (JSONL) and its head anchor: verify them before trusting the patch. */
  audit: z.string().nullable(),
  auditHead: CloudAuditHead.nullable(),
  /** Only when the start request brought no key: the key the server made (proves integrity in transit, not origin). */
  auditKey: AuditKeyHex.optional(),
  identity: CloudTaskIdentity.nullable(),
  error: z.object({ message: z.string(), fix: z.string().optional() }).optional(),
  startedAt: z.number().int().nonnegative(),
  finishedAt: z.number().int().nonnegative().optional(),
});
export type CloudTaskResult = z.infer<typeof CloudTaskResult>;

export const CloudTaskCancelResult = z.object({ taskId: CloudTaskId, status: CloudTaskStatus });
export type CloudTaskCancelResult = z.infer<typeof CloudTaskCancelResult>;

/** A request the server understood but refused: an unknown task, a bad payload, too many tasks. */
export const CloudTaskErrorCode = z.enum(['invalidRequest', 'notFound', 'busy', 'conflict', 'internal']);
export const CloudTaskError = z.object({ error: z.object({ code: CloudTaskErrorCode, message: z.string() }) });
export type CloudTaskError = z.infer<typeof CloudTaskError>;

/**
 * What the dispatcher keeps about a task it started (a 0600 JSON file per task in the CLI's state
 * folder): where it runs, the base it was started from, and the audit key its log must verify with.
 * The editor's Cloud Tasks list reads the same records.
 */
export const CloudTaskRecord = z.object({
  version: z.literal(1),
  taskId: CloudTaskId,
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('agentcore'), runtimeArn: z.string(), sessionId: z.string().min(33).max(256), qualifier: z.string().optional() }),
    z.object({ kind: z.literal('github'), repository: z.string(), workflow: z.string(), ref: z.string(), dispatchedAt: z.number().int(), runId: z.number().int().optional(), runUrl: z.string().optional() }),
  ]),
  /** The working tree the task was started from (where `result --apply` applies its patch). */
  workspace: z.string(),
  /** The snapshot sent (bundle) — null when the runtime fetched the repository itself until a result says. */
  base: z.object({ commit: z.string(), tree: z.string() }).nullable(),
  baseRef: z.string().optional(),
  auditKey: AuditKeyHex.optional(),
  /** The first line of the prompt, for lists. */
  title: z.string(),
  approval: ApprovalPolicy,
  createdAt: z.number().int(),
  /** The last status seen (the runtime is the truth). */
  lastStatus: CloudTaskStatus.optional(),
  costUsd: z.number().nullable().optional(),
});
export type CloudTaskRecord = z.infer<typeof CloudTaskRecord>;

/** The runtime `crosswind cloud deploy` made or updated last: `cloud run`'s default target. */
export const CloudRuntimeRecord = z.object({ runtimeArn: z.string(), runtimeId: z.string(), name: z.string(), region: z.string(), version: z.string(), deployedAt: z.number().int() });
export type CloudRuntimeRecord = z.infer<typeof CloudRuntimeRecord>;

/**
 * What became of a finished task's patch in the editor: not looked at yet, a pending patch in its thread
 * (reviewed hunk by hunk like any other), no change at all, or refused — the workspace moved on since the
 * base and no clean merge was possible (`changed` names the files), or the audit log did not verify.
 */
export const CloudTaskReview = z.discriminatedUnion('state', [
  z.object({ state: z.literal('waiting') }),
  z.object({ state: z.literal('proposed'), patchId: Id, merged: z.boolean().default(false) }),
  z.object({ state: z.literal('noChanges') }),
  z.object({ state: z.literal('refused'), message: z.string(), changed: z.array(z.string()).default([]) }),
  z.object({ state: z.literal('unverified'), message: z.string() }),
]);
export type CloudTaskReview = z.infer<typeof CloudTaskReview>;

/** A cloud task as the editor lists it (the Cloud Tasks list), and the thread its events are shown in. */
export const CloudTaskView = z.object({
  taskId: CloudTaskId,
  threadId: Id,
  title: z.string(),
  status: CloudTaskStatus,
  createdAt: EpochMs,
  finishedAt: EpochMs.optional(),
  /** The task's model spend so far (its turn's cost), null until the runtime reports one. */
  costUsd: z.number().nonnegative().nullable(),
  review: CloudTaskReview,
  error: z.object({ message: z.string(), fix: z.string().optional() }).optional(),
});
export type CloudTaskView = z.infer<typeof CloudTaskView>;
