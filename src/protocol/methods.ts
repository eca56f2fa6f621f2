// Every method between the front end (VS Code extension, CLI) and the engine, declared once.
// Names are `resource/verb`; payloads are zod schemas and the TypeScript types are derived from them.
// Three registries by direction: requests to the engine, requests from the engine, and notifications
// from the engine. Both ends send and receive only through helpers typed by these registries.
import * as z from 'zod';
import { Cost, EpochMs, ErrorInfo, Id, PROTOCOL_VERSION, Usage } from './common';
import { CheckpointRestoreResult, CheckpointSummary } from './checkpoints';
import { CloudTaskId, CloudTaskView } from './cloud-task';
import { EngineSettings } from './config';
import { CostReport } from './cost';
import { ApprovalDecision, Attachment, MAX_IMAGES_PER_MESSAGE, PlanStep, Thread, ThreadItem, ThreadSummary, Turn } from './items';
import { McpServerStatus } from './mcp';
import { HunkDecisionInput, MAX_EDITED_PROPOSAL_CHARS, PatchFileKind, PatchView } from './patch';
import { Identity, ModelInfo, ProviderProfile } from './providers';

const ThreadRef = z.object({ threadId: Id });
const PatchRef = ThreadRef.extend({ patchId: Id });
const PatchResult = z.object({ patch: PatchView });
const Empty = z.object({});
/**
 * A saved profile by name, or the provider picker's `draft`: a profile the user is still filling in, so
 * the picker can list models and test the connection before anything is written to settings.
 */
const ProfileOrDraft = z
  .object({ profile: z.string().optional(), draft: ProviderProfile.optional() })
  .refine((p) => (p.profile === undefined) !== (p.draft === undefined), { message: 'Give either profile or draft.' });

/** Sent in the LSP `initialize` result under `capabilities.experimental.crosswind`. */
/** The SecretStorage keys the engine may read and write: MCP OAuth state only, never another secret (an API key). */
const McpOAuthKey = z.string().startsWith('crosswind.mcp.oauth/').max(4000);

export const EngineCapabilities = z.object({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  engineVersion: z.string(),
  tools: z.array(z.string()),
  providers: z.array(z.string()),
  /** The engine process's id (the editor logs it; its tests kill the process to check the restart). */
  processId: z.number().int().positive().optional(),
});
export type EngineCapabilities = z.infer<typeof EngineCapabilities>;

/** Sent by the editor in the LSP `initialize` request's `initializationOptions`; checked by the engine. */
export const EngineInitOptions = z.object({
  /** The folder the agent works in (default: the first workspace folder of `initialize`). */
  workspaceRoot: z.string().optional(),
  /**
   * Every folder of a multi-root workspace, in order, with its unique name (src/shared
   * uniqueFolderNames): paths then start with the folder's name. Absent or one folder: `workspaceRoot`.
   */
  workspaceFolders: z.array(z.object({ name: z.string().min(1), path: z.string().min(1) })).optional(),
  /** The workspace's storage folder: threads, audit log (default: `.crosswind` in the workspace). */
  storagePath: z.string().optional(),
  /** Shared across workspaces: the spend ledger, so a daily budget counts every window. */
  globalStoragePath: z.string().optional(),
  auditLogPath: z.string().optional(),
  /** VS Code's own ripgrep. */
  ripgrepPath: z.string().optional(),
  /** VS Code's `http.proxy`. */
  proxyUrl: z.string().optional(),
  /**
   * The cloud variables of the editor's environment (AWS_*, AZURE_*, OPENAI_*…), sent here rather than
   * in the engine process's environment so no command can read them from /proc/<pid>/environ.
   */
  cloudEnvironment: z.record(z.string(), z.string()).optional(),
});
export type EngineInitOptions = z.infer<typeof EngineInitOptions>;

/** Requests the front end sends to the engine. */
export const engineRequests = {
  'thread/start': {
    params: z.object({ profile: z.string().optional(), title: z.string().max(200).optional() }),
    result: z.object({ thread: Thread }),
  },
  'thread/resume': { params: ThreadRef, result: z.object({ thread: Thread }) },
  'thread/list': { params: Empty, result: z.object({ threads: z.array(ThreadSummary) }) },
  'turn/start': {
    params: ThreadRef.extend({
      /** The user's message as the views show it. */
      text: z.string().min(1).max(200_000),
      /**
       * What the model is sent instead of `text`, when the user did not write it: an editor command's
       * prompt ("Explain the selected code: …"), while `text` names the command ("Explain app.ts:14–20").
       */
      instruction: z.string().min(1).max(200_000).optional(),
      attachments: z
        .array(Attachment)
        .default([])
        .refine((a) => a.filter((x) => x.type === 'image').length <= MAX_IMAGES_PER_MESSAGE, `a message can carry at most ${MAX_IMAGES_PER_MESSAGE} images`),
      /** Switch this thread to another profile from this turn on. */
      profile: z.string().optional(),
    }),
    result: z.object({ turn: Turn }),
  },
  'turn/interrupt': { params: ThreadRef.extend({ turnId: Id.optional() }), result: Empty },
  /** Mark hunks (or whole files) accepted or rejected; when none is left pending the patch is finalised. */
  'patch/decide': { params: PatchRef.extend({ decisions: z.array(HunkDecisionInput).min(1) }), result: PatchResult },
  /** Accept every hunk not already rejected, and apply. */
  'patch/apply': { params: PatchRef, result: PatchResult },
  /** Reject every hunk not already accepted, and finalise. */
  'patch/reject': { params: PatchRef.extend({ reason: z.string().max(2000).optional() }), result: PatchResult },
  /**
   * Replace the proposed text of one file of a pending patch with the user's edit: its hunks are computed
   * again (and left pending), and the model is told what the user changed when the patch is applied.
   */
  'patch/edit': {
    params: PatchRef.extend({ path: z.string(), content: z.string().max(MAX_EDITED_PROPOSAL_CHARS) }),
    result: PatchResult,
  },
  /** Revert an applied patch, if the files still hold what it wrote. */
  'patch/revert': { params: PatchRef, result: PatchResult },
  /** Current and proposed text of one file of a patch, for the diff editor. */
  'patch/preview': {
    params: PatchRef.extend({ path: z.string() }),
    result: z.object({
      path: z.string(),
      movePath: z.string().optional(),
      kind: PatchFileKind,
      oldText: z.string(),
      newText: z.string(),
    }),
  },
  'settings/update': { params: z.object({ settings: EngineSettings }), result: Empty },
  /** Who the profile signs in as, and one round trip's time ("Test connection"). */
  'provider/test': {
    params: ProfileOrDraft,
    result: z.object({ identity: Identity.optional(), roundTripMs: z.number().nonnegative(), model: z.string() }),
  },
  'provider/models': { params: ProfileOrDraft, result: z.object({ models: z.array(ModelInfo) }) },
  /** The audit log, verified, one readable line per record ("Crosswind: Show Audit Log"). */
  'audit/show': {
    params: Empty,
    result: z.object({
      path: z.string(),
      exists: z.boolean(),
      intact: z.boolean(),
      /** "OK: 12 records, chain intact" or the first problem found. */
      verdict: z.string(),
      lines: z.array(z.string()),
    }),
  },
  /** This workspace's checkpoints, newest first, each with the files a restore would change now. */
  'checkpoint/list': { params: Empty, result: z.object({ checkpoints: z.array(CheckpointSummary) }) },
  /** Put the workspace's files back as a checkpoint has them: all or none, never over unsaved edits. */
  'checkpoint/restore': { params: z.object({ checkpointId: Id }), result: CheckpointRestoreResult },
  'cost/report': {
    params: z.object({ since: EpochMs.optional(), threadId: Id.optional() }),
    result: CostReport,
  },
  /** The MCP servers of the settings: connected with their tools, starting, or failed and why. */
  'mcp/status': { params: Empty, result: z.object({ servers: z.array(McpServerStatus) }) },
  /**
   * "Run in the cloud": the workspace (HEAD plus uncommitted changes) goes to the AgentCore runtime of the
   * cloud settings as a new task; its events fill a new thread, and its patch, once its audit log
   * verifies, becomes a pending patch there. Answers once the runtime has accepted the task.
   */
  'cloudTask/start': {
    params: z.object({ text: z.string().min(1).max(200_000), profile: z.string().optional() }),
    result: z.object({ task: CloudTaskView }),
  },
  /** The cloud tasks started from this workspace, newest first. */
  'cloudTask/list': { params: Empty, result: z.object({ tasks: z.array(CloudTaskView) }) },
  'cloudTask/cancel': { params: z.object({ taskId: CloudTaskId }), result: z.object({ task: CloudTaskView }) },
  /** Fetches a finished task's result again and reviews its patch (verify, base check, pending patch or refusal). */
  'cloudTask/review': { params: z.object({ taskId: CloudTaskId }), result: z.object({ task: CloudTaskView }) },
} as const;

/** Requests the engine sends to the front end. */
export const clientRequests = {
  'item/command/requestApproval': {
    params: ThreadRef.extend({
      turnId: Id,
      itemId: Id,
      command: z.array(z.string()),
      workdir: z.string(),
      reason: z.string().optional(),
    }),
    result: z.object({ decision: ApprovalDecision }),
  },
  /** A key kept in VS Code's SecretStorage (never in settings). */
  'auth/secret': { params: z.object({ secretId: z.string() }), result: z.object({ value: z.string().nullable() }) },
  /** An access token from VS Code's Microsoft sign-in. */
  'auth/token': {
    params: z.object({ scopes: z.array(z.string()).min(1), tenantId: z.string().optional() }),
    result: z.object({ token: z.string(), expiresAt: EpochMs, account: z.string().optional() }),
  },
  /**
   * An MCP server needs an OAuth sign-in: the front end asks the user, then opens `url` in the browser
   * (the authorization server redirects back to the engine's loopback listener). The CLI answers false.
   */
  'mcp/authorize': { params: z.object({ server: z.string(), url: z.url() }), result: z.object({ opened: z.boolean() }) },
  /** An MCP server's OAuth state (client registration, tokens) as saved in SecretStorage, or null. */
  'mcp/oauthLoad': { params: z.object({ key: McpOAuthKey }), result: z.object({ value: z.string().nullable() }) },
  /** Saves (or, with null, deletes) an MCP server's OAuth state in SecretStorage. */
  'mcp/oauthSave': { params: z.object({ key: McpOAuthKey, value: z.string().nullable() }), result: Empty },
  /** Save documents the engine just edited, when they had no unsaved change of the user's before. */
  'document/save': { params: z.object({ paths: z.array(z.string()) }), result: z.object({ saved: z.array(z.string()) }) },
} as const;

const ItemEvent = ThreadRef.extend({ item: ThreadItem });
const Delta = ThreadRef.extend({ turnId: Id, itemId: Id, delta: z.string() });

/** Notifications the engine sends to the front end. */
export const engineNotifications = {
  'thread/updated': z.object({ thread: ThreadSummary }),
  'turn/started': ThreadRef.extend({ turn: Turn }),
  'turn/completed': ThreadRef.extend({
    turn: Turn,
    threadUsage: Usage,
    threadCost: Cost,
    /** Spent today (UTC) across all threads. */
    dayCost: Cost,
  }),
  /**
   * A model request of the running turn finished: the turn's usage and cost so far. Sent as each request's
   * usage is known, so the spend shows while the turn waits (on a patch review, a command approval).
   */
  'turn/updated': ThreadRef.extend({ turn: Turn, threadUsage: Usage, threadCost: Cost, dayCost: Cost }),
  'item/started': ItemEvent,
  'item/updated': ItemEvent,
  'item/completed': ItemEvent,
  'item/agentMessage/delta': Delta,
  'item/reasoning/delta': Delta,
  'turn/plan/updated': ThreadRef.extend({ turnId: Id, explanation: z.string().optional(), plan: z.array(PlanStep) }),
  /** An MCP server connected, failed, died or was restarted: every server's state. */
  'mcp/statusChanged': z.object({ servers: z.array(McpServerStatus) }),
  /** A cloud task's status, cost or review changed. */
  'cloudTask/updated': z.object({ task: CloudTaskView }),
  /** A problem outside any turn (a settings error, a failed resume). */
  'engine/error': z.object({ error: ErrorInfo }),
} as const;

export type EngineRequestMethod = keyof typeof engineRequests;
export type ClientRequestMethod = keyof typeof clientRequests;
export type EngineNotificationMethod = keyof typeof engineNotifications;

export type EngineRequestParams<M extends EngineRequestMethod> = z.input<(typeof engineRequests)[M]['params']>;
/** Params after validation (defaults applied), as a handler receives them. */
export type EngineRequestParsedParams<M extends EngineRequestMethod> = z.infer<(typeof engineRequests)[M]['params']>;
export type EngineRequestResult<M extends EngineRequestMethod> = z.infer<(typeof engineRequests)[M]['result']>;
export type ClientRequestParams<M extends ClientRequestMethod> = z.infer<(typeof clientRequests)[M]['params']>;
export type ClientRequestResult<M extends ClientRequestMethod> = z.infer<(typeof clientRequests)[M]['result']>;
export type EngineNotificationParams<M extends EngineNotificationMethod> = z.infer<(typeof engineNotifications)[M]>;

/** One answer per engine→client request (params validated): a table of this type missing one does not compile. */
export type ClientRequestHandlers = {
  [M in ClientRequestMethod]: (params: ClientRequestParams<M>) => Promise<ClientRequestResult<M>>;
};

/** Any engine notification as one value tagged by its method (what the sidebar receives). */
export type EngineNotification = {
  [M in EngineNotificationMethod]: { method: M; params: EngineNotificationParams<M> };
}[EngineNotificationMethod];

export const EngineNotification = z.discriminatedUnion(
  'method',
  Object.entries(engineNotifications).map(([method, params]) => z.object({ method: z.literal(method), params })) as unknown as [
    z.ZodObject<{ method: z.ZodLiteral<string>; params: z.ZodTypeAny }>,
    ...z.ZodObject<{ method: z.ZodLiteral<string>; params: z.ZodTypeAny }>[],
  ],
) as unknown as z.ZodType<EngineNotification>;

/** The protocol-level error carried in a JSON-RPC error's `data`. */
export const RpcErrorData = z.object({ error: ErrorInfo });
