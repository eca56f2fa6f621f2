// Messages between the sidebar webview and the extension host, in both directions. The host validates
// everything the webview sends (the webview renders text a model wrote, so it is treated as untrusted);
// the webview validates what it receives so a version skew shows an error instead of a broken view.
import * as z from 'zod';
import { Cost, ErrorInfo, Id, ProviderKind, Usage } from './common';
import { ApprovalPolicy } from './config';
import { Attachment, Thread, ThreadSummary } from './items';
import { EngineNotification } from './methods';

export const AttachmentKind = z.enum(['selection', 'file', 'problems']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** What the status line of the sidebar shows. */
export const SessionStatus = z.object({
  profile: z.string().optional(),
  provider: ProviderKind.optional(),
  model: z.string().optional(),
  approvalPolicy: ApprovalPolicy,
  trusted: z.boolean(),
  engine: z.enum(['starting', 'running', 'restarting', 'stopped']),
  /** This session's spend, across threads, since the window opened. */
  sessionUsage: Usage,
  sessionCost: Cost,
});
export type SessionStatus = z.infer<typeof SessionStatus>;

/** Host → webview. */
export const HostToWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: SessionStatus }),
  z.object({ type: z.literal('thread'), thread: Thread }),
  z.object({ type: z.literal('threads'), threads: z.array(ThreadSummary) }),
  z.object({ type: z.literal('engineEvent'), event: EngineNotification }),
  z.object({ type: z.literal('attachments'), attachments: z.array(Attachment) }),
  /** A command-execution approval waiting on the user, shown inline on its card. */
  z.object({ type: z.literal('approvalPending'), requestId: Id, itemId: Id, kind: z.enum(['command', 'fileChange']) }),
  z.object({ type: z.literal('approvalSettled'), requestId: Id }),
  z.object({ type: z.literal('error'), error: ErrorInfo }),
  z.object({ type: z.literal('focusInput') }),
]);
export type HostToWebview = z.infer<typeof HostToWebview>;

/** Webview → host. */
export const WebviewToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('send'), text: z.string().min(1).max(200_000), attachments: z.array(Attachment).max(50).default([]) }),
  z.object({ type: z.literal('interrupt') }),
  z.object({ type: z.literal('newThread') }),
  z.object({ type: z.literal('resumeThread'), threadId: Id }),
  z.object({ type: z.literal('listThreads') }),
  z.object({ type: z.literal('attach'), kind: AttachmentKind }),
  z.object({
    type: z.literal('patchDecision'),
    patchId: Id,
    path: z.string().optional(),
    hunk: z.number().int().nonnegative().optional(),
    decision: z.enum(['accepted', 'rejected']),
  }),
  z.object({ type: z.literal('patchApplyAll'), patchId: Id }),
  z.object({ type: z.literal('patchRejectAll'), patchId: Id }),
  z.object({ type: z.literal('patchUndo'), patchId: Id }),
  z.object({ type: z.literal('openDiff'), patchId: Id, path: z.string() }),
  z.object({ type: z.literal('approval'), requestId: Id, decision: z.enum(['accept', 'acceptForSession', 'decline', 'cancel']) }),
  z.object({ type: z.literal('selectProvider') }),
  z.object({ type: z.literal('openFile'), path: z.string(), line: z.number().int().positive().optional() }),
  z.object({ type: z.literal('copy'), text: z.string().max(1_000_000) }),
  z.object({ type: z.literal('runFix'), command: z.string().max(2000) }),
]);
export type WebviewToHost = z.infer<typeof WebviewToHost>;
