// Threads, turns and items: the conversation as every front end (sidebar, CLI, diff editor) sees it.
import * as z from 'zod';
import { Cost, EpochMs, ErrorInfo, Id, ServedBy, Usage } from './common';
import { CheckpointKind } from './checkpoints';
import { InstructionFile } from './instructions';
import { PatchView } from './patch';

/**
 * Image formats every cloud takes: Bedrock Converse ImageBlock.format is png | jpeg | gif | webp
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ImageBlock.html); OpenAI and
 * Azure vision take PNG, JPEG, WEBP and non-animated GIF (https://platform.openai.com/docs/guides/images-vision).
 */
export const ImageMediaType = z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export type ImageMediaType = z.infer<typeof ImageMediaType>;

/**
 * The largest image sent, in bytes: Bedrock Converse takes images of at most 3.75 MB each
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html, "image"),
 * the smallest limit of the three clouds.
 */
export const MAX_IMAGE_BYTES = 3_750_000;
/** At most this many images per message (Converse: up to 20 images per request). */
export const MAX_IMAGES_PER_MESSAGE = 20;

/** The most entries a folder listing or the workspace's problems carry. */
export const MAX_MENTION_ENTRIES = 500;
/** The most characters of text an attached symbol, terminal output or web page carries. */
export const MAX_MENTION_TEXT = 50_000;

const Diagnostic = z.object({
  line: z.number().int().positive(),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  message: z.string(),
  source: z.string().optional(),
  code: z.string().optional(),
});

/** Context the user attached to a message. */
export const Attachment = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('selection'),
    path: z.string(),
    /** 1-based, inclusive. */
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
    text: z.string(),
  }),
  z.object({ type: z.literal('file'), path: z.string() }),
  /** An image (pasted, or a file): `path` names it for the user; `data` is its bytes, base64. */
  z.object({
    type: z.literal('image'),
    path: z.string().min(1).max(1000),
    mediaType: ImageMediaType,
    data: z.base64().max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4, `an image may be at most ${MAX_IMAGE_BYTES / 1_000_000} MB`),
  }),
  z.object({
    type: z.literal('diagnostics'),
    path: z.string(),
    diagnostics: z.array(Diagnostic),
  }),
  /** A folder (an @-mention or a drop): what it holds, as the Explorer lists it (excluded files left out). */
  z.object({
    type: z.literal('folder'),
    path: z.string(),
    entries: z.array(z.string().max(1000)).max(MAX_MENTION_ENTRIES),
    /** More entries than were listed. */
    truncated: z.boolean(),
  }),
  /** A symbol (@-mention): where it is and its text as the editor had it. 1-based lines, inclusive. */
  z.object({
    type: z.literal('symbol'),
    path: z.string(),
    name: z.string().max(500),
    kind: z.string().max(40),
    startLine: z.number().int().positive(),
    endLine: z.number().int().positive(),
    text: z.string().max(MAX_MENTION_TEXT),
  }),
  /** Every problem of the workspace (errors and warnings) when it was attached. */
  z.object({
    type: z.literal('problems'),
    problems: z.array(Diagnostic.extend({ path: z.string() })).max(MAX_MENTION_ENTRIES),
    truncated: z.boolean(),
  }),
  /** The last command run in a terminal and what it printed (secrets redacted, the end kept). */
  z.object({
    type: z.literal('terminal'),
    terminal: z.string().max(200),
    command: z.string().max(10_000),
    exitCode: z.number().int().optional(),
    output: z.string().max(MAX_MENTION_TEXT),
  }),
  /** A web page the user allowed the editor to fetch, as text. */
  z.object({
    type: z.literal('url'),
    url: z.url().max(2000),
    text: z.string().max(MAX_MENTION_TEXT),
  }),
]);
export type Attachment = z.infer<typeof Attachment>;

export const ItemStatus = z.enum(['inProgress', 'completed', 'failed', 'interrupted']);
export type ItemStatus = z.infer<typeof ItemStatus>;

const ItemBase = z.object({ id: Id, turnId: Id, createdAt: EpochMs });

export const UserMessageItem = ItemBase.extend({
  type: z.literal('userMessage'),
  text: z.string(),
  attachments: z.array(Attachment).default([]),
});

export const AgentMessageItem = ItemBase.extend({
  type: z.literal('agentMessage'),
  text: z.string(),
  status: ItemStatus,
  servedBy: ServedBy.optional(),
});

export const ReasoningItem = ItemBase.extend({
  type: z.literal('reasoning'),
  summary: z.string(),
  status: ItemStatus,
});

export const ReadToolName = z.enum(['read_file', 'list_dir', 'grep_files']);
export type ReadToolName = z.infer<typeof ReadToolName>;

/** A read-only tool call: shown as a compact card. */
export const ToolCallItem = ItemBase.extend({
  type: z.literal('toolCall'),
  tool: ReadToolName,
  arguments: z.record(z.string(), z.unknown()),
  status: ItemStatus,
  /** One line for the card, e.g. "src/a.ts lines 1-120" or "12 matches in 4 files". */
  summary: z.string().optional(),
  error: ErrorInfo.optional(),
});

export const ApprovalDecision = z.enum(['accept', 'acceptForSession', 'decline', 'cancel']);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const ApprovalRecord = z.object({
  decision: ApprovalDecision,
  by: z.enum(['user', 'policy']),
  reason: z.string().optional(),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecord>;

export const CommandExecutionItem = ItemBase.extend({
  type: z.literal('commandExecution'),
  command: z.array(z.string()),
  /** Workspace-relative working directory ('' = the root). */
  workdir: z.string(),
  status: z.enum(['awaitingApproval', 'inProgress', 'completed', 'failed', 'declined', 'interrupted']),
  exitCode: z.number().int().nullable().optional(),
  /** Bounded: head and tail kept, the middle elided. */
  output: z.string().default(''),
  timedOut: z.boolean().default(false),
  durationMs: z.number().int().nonnegative().optional(),
  approval: ApprovalRecord.optional(),
});

/** A call of a tool of an MCP server: asked about like a command, its output bounded like a command's. */
export const McpToolCallItem = ItemBase.extend({
  type: z.literal('mcpToolCall'),
  server: z.string(),
  tool: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  status: z.enum(['awaitingApproval', 'inProgress', 'completed', 'failed', 'declined', 'interrupted']),
  /** The tool's text result (or the error), bounded: head and tail kept. */
  output: z.string().default(''),
  durationMs: z.number().int().nonnegative().optional(),
  approval: ApprovalRecord.optional(),
});

export const FileChangeItem = ItemBase.extend({
  type: z.literal('fileChange'),
  patch: PatchView,
  approval: ApprovalRecord.optional(),
  /**
   * Why the approval policy left this patch to the user: set when the turn waits for the review (the
   * views settle the patch with patch/decide, patch/apply or patch/reject). Absent when the policy applies
   * or refuses it on its own.
   */
  reviewReason: z.string().optional(),
});

export const PlanStepStatus = z.enum(['pending', 'in_progress', 'completed']);
export const PlanStep = z.object({ step: z.string(), status: PlanStepStatus });
export type PlanStep = z.infer<typeof PlanStep>;

export const PlanItem = ItemBase.extend({
  type: z.literal('plan'),
  explanation: z.string().optional(),
  steps: z.array(PlanStep),
});

/** Things the user should know that are not the model's words: a failover, a retry, a compaction, a budget stop. */
export const NoticeItem = ItemBase.extend({
  type: z.literal('notice'),
  kind: z.enum(['failover', 'retry', 'compaction', 'budget', 'trust', 'info']),
  message: z.string(),
  from: ServedBy.optional(),
  to: ServedBy.optional(),
});

export const ErrorItem = ItemBase.extend({ type: z.literal('error'), error: ErrorInfo });

/**
 * A checkpoint: the workspace's files as they were before the turn's first change (or just before a
 * restore), which "Restore" puts back. `failed`: none could be taken (`message` says why).
 */
export const CheckpointItem = ItemBase.extend({
  type: z.literal('checkpoint'),
  checkpointId: Id.optional(),
  kind: CheckpointKind,
  status: z.enum(['available', 'restored', 'failed']),
  /** Files in the snapshot. */
  files: z.number().int().nonnegative().default(0),
  /** Why it failed, what it does not cover, or which restore undid this turn's changes. */
  message: z.string().optional(),
  /** When a restore undid the changes made after this checkpoint. */
  restoredAt: EpochMs.optional(),
});

/** The project instructions given to the model in this turn (updated as the turn touches more files). */
export const InstructionsItem = ItemBase.extend({
  type: z.literal('instructions'),
  files: z.array(InstructionFile),
  /** Said when something was cut or left out to fit the size limit. */
  notice: z.string().optional(),
});

export const ThreadItem = z.discriminatedUnion('type', [
  UserMessageItem,
  AgentMessageItem,
  ReasoningItem,
  ToolCallItem,
  CommandExecutionItem,
  McpToolCallItem,
  FileChangeItem,
  PlanItem,
  NoticeItem,
  ErrorItem,
  CheckpointItem,
  InstructionsItem,
]);
export type ThreadItem = z.infer<typeof ThreadItem>;
export type ThreadItemType = ThreadItem['type'];
export type ItemOf<T extends ThreadItemType> = Extract<ThreadItem, { type: T }>;

export const TurnStatus = z.enum(['inProgress', 'completed', 'interrupted', 'failed']);
export type TurnStatus = z.infer<typeof TurnStatus>;

export const Turn = z.object({
  id: Id,
  threadId: Id,
  status: TurnStatus,
  startedAt: EpochMs,
  completedAt: EpochMs.optional(),
  usage: Usage,
  cost: Cost,
  /** Each provider/model that served a request in this turn (more than one after a failover). */
  servedBy: z.array(ServedBy).default([]),
  error: ErrorInfo.optional(),
});
export type Turn = z.infer<typeof Turn>;

export const ThreadSummary = z.object({
  id: Id,
  title: z.string(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  profile: z.string().optional(),
  turnCount: z.number().int().nonnegative(),
  cost: Cost,
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const Thread = ThreadSummary.extend({
  turns: z.array(Turn),
  items: z.array(ThreadItem),
  usage: Usage,
});
export type Thread = z.infer<typeof Thread>;
