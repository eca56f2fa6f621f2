// Messages between the sidebar webview and the extension host, in both directions. The host validates
// everything the webview sends (the webview renders text a model wrote, so it is treated as untrusted);
// the webview validates what it receives so a version skew shows an error instead of a broken view.
//
// The sidebar speaks the engine's protocol: what it asks of the engine is an engine request, by the
// engine's method name with the engine's params — the host only adds the id of the conversation it shows
// (`threadId`) and passes it on. The few things only the editor can do (attach the selection, open a file
// or a diff, copy, answer a command approval…) are editor messages, named without a '/'.
import * as z from 'zod';
import { Cost, ErrorInfo, Id, ProviderKind, Usage } from './common';
import { CloudTaskView } from './cloud-task';
import { ApprovalPolicy } from './config';
import { ApprovalDecision, Attachment, Thread, ThreadSummary } from './items';
import { EngineNotification, engineRequests } from './methods';
import { MAX_DROPPED, Mention, MentionSuggestion } from './mentions';

/** The `@name` a picked mention writes in the draft, at most (a label is shorter). */
export const MAX_MENTION_TOKEN = 300;

/** What the user can attach from the editor with the composer's buttons (the other kinds are @-mentions). */
export const AttachmentType = z.enum(['selection', 'file', 'image', 'diagnostics']);
export type AttachmentType = z.infer<typeof AttachmentType>;

/** The engine process as the extension sees it. */
export const EngineState = z.enum(['starting', 'running', 'restarting', 'stopped']);
export type EngineState = z.infer<typeof EngineState>;

/** What the status line of the sidebar shows. */
export const SessionStatus = z.object({
  profile: z.string().optional(),
  provider: ProviderKind.optional(),
  model: z.string().optional(),
  approvalPolicy: ApprovalPolicy,
  trusted: z.boolean(),
  engine: EngineState,
  /** This session's spend, across threads, since the window opened. */
  sessionUsage: Usage,
  sessionCost: Cost,
  /** Why "Run in the cloud" cannot be used (no runtime configured, Restricted Mode); absent when it can. */
  cloudUnavailable: z.string().optional(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

/** Host → webview. */
export const HostToWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: SessionStatus }),
  z.object({ type: z.literal('thread'), thread: Thread }),
  z.object({ type: z.literal('threads'), threads: z.array(ThreadSummary) }),
  /** The Cloud Tasks list (later changes arrive as cloudTask/updated engine events). */
  z.object({ type: z.literal('cloudTasks'), tasks: z.array(CloudTaskView) }),
  z.object({ type: z.literal('engineEvent'), event: EngineNotification }),
  /** The context the user asked to attach (`attach`), made from the editor: one more chip in the composer. */
  z.object({ type: z.literal('attached'), attachment: Attachment, token: z.string().max(MAX_MENTION_TOKEN).optional() }),
  /** A command-execution approval waiting on the user, shown inline on its card. */
  z.object({ type: z.literal('approvalPending'), requestId: Id, itemId: Id }),
  z.object({ type: z.literal('approvalSettled'), requestId: Id }),
  z.object({ type: z.literal('error'), error: ErrorInfo }),
  z.object({ type: z.literal('focusInput') }),
  /** The answer to `searchMentions`: what `query` matches, best first (`requestId` ties it to the question). */
  z.object({ type: z.literal('mentions'), requestId: z.number().int(), query: z.string(), suggestions: z.array(MentionSuggestion).max(100) }),
]);
export type HostToWebview = z.infer<typeof HostToWebview>;

/** The engine's params without `threadId`: the host adds the conversation the sidebar shows. */
const inShownThread = { threadId: true } as const;

/** Engine requests the sidebar sends, by the engine's method name (see methods.ts), and their params. */
export const sidebarEngineRequests = {
  'thread/start': engineRequests['thread/start'].params,
  /** Shows another conversation (its id is the one to show, so it is given). */
  'thread/resume': engineRequests['thread/resume'].params,
  'thread/list': engineRequests['thread/list'].params,
  'turn/start': engineRequests['turn/start'].params.omit(inShownThread).extend({ attachments: z.array(Attachment).max(50).default([]) }),
  'turn/interrupt': engineRequests['turn/interrupt'].params.omit(inShownThread),
  'patch/decide': engineRequests['patch/decide'].params.omit(inShownThread),
  'patch/apply': engineRequests['patch/apply'].params.omit(inShownThread),
  'patch/reject': engineRequests['patch/reject'].params.omit(inShownThread),
  'patch/revert': engineRequests['patch/revert'].params.omit(inShownThread),
  /** "Restore to before this turn" (or "Undo the restore"): the host confirms with the user first. */
  'checkpoint/restore': engineRequests['checkpoint/restore'].params,
  /** "Run in the cloud" beside Send: the composer's text becomes a cloud task with a thread of its own. */
  'cloudTask/start': engineRequests['cloudTask/start'].params,
  'cloudTask/list': engineRequests['cloudTask/list'].params,
  'cloudTask/cancel': engineRequests['cloudTask/cancel'].params,
  'cloudTask/review': engineRequests['cloudTask/review'].params,
} as const;

/** What only the editor can do for the sidebar. */
export const editorRequests = {
  /** The view is loaded: send the status, the conversation shown and the history. */
  ready: z.object({}),
  /** Make an attachment of this kind from the active editor (answered with `attached`). */
  attach: z.object({ type: AttachmentType }),
  openDiff: z.object({ patchId: Id, path: z.string() }),
  openFile: z.object({ path: z.string(), line: z.number().int().positive().optional() }),
  copy: z.object({ text: z.string().max(1_000_000) }),
  selectProvider: z.object({}),
  /** Run a fix command the engine proposed in an error (the host runs no other). */
  runFix: z.object({ command: z.string().max(2000) }),
  /** The user's answer to a command approval the engine asked for (`approvalPending`). */
  answerApproval: z.object({ requestId: Id, decision: ApprovalDecision }),
  /** What an `@query` typed in the composer may mention (answered with `mentions`). */
  searchMentions: z.object({ requestId: z.number().int(), query: z.string().max(500) }),
  /**
   * Make the attachment a picked mention names (answered with `attached`, or a message saying why not).
   * `token`: the `@name` the mention put in the draft, echoed with the attachment so that deleting it removes the chip.
   */
  attachMention: z.object({ mention: Mention, token: z.string().max(MAX_MENTION_TOKEN).optional() }),
  /** Files or folders dropped on the composer, as `text/uri-list` gives them (answered with `attached`). */
  attachDropped: z.object({ uris: z.array(z.string().max(4000)).max(MAX_DROPPED) }),
} as const;

const webviewRequests = { ...sidebarEngineRequests, ...editorRequests };
type WebviewRequests = typeof webviewRequests;

export type WebviewMethod = keyof WebviewRequests;
/** Params as the webview writes them (defaults may be left out). */
export type WebviewParamsInput<M extends WebviewMethod> = z.input<WebviewRequests[M]>;
/** Params after validation, as a handler receives them. */
export type WebviewParams<M extends WebviewMethod> = z.infer<WebviewRequests[M]>;

/** Webview → host: `{ method, params }`, one of the methods above. */
export type WebviewToHost = { [M in WebviewMethod]: { method: M; params: WebviewParamsInput<M> } }[WebviewMethod];
/** A message as the host receives it, validated. */
export type WebviewMessage = { [M in WebviewMethod]: { method: M; params: WebviewParams<M> } }[WebviewMethod];

export const WebviewToHost = z.discriminatedUnion(
  'method',
  Object.entries(webviewRequests).map(([method, params]) => z.object({ method: z.literal(method), params })) as unknown as [
    z.ZodObject<{ method: z.ZodLiteral<string>; params: z.ZodTypeAny }>,
    ...z.ZodObject<{ method: z.ZodLiteral<string>; params: z.ZodTypeAny }>[],
  ],
) as unknown as z.ZodType<WebviewMessage, WebviewToHost>;

/** Every webview method: the host must answer each one (a missing handler does not compile). */
export const WEBVIEW_METHODS = Object.keys(webviewRequests) as WebviewMethod[];
