// A tool the model can call. One file per tool; each validates its arguments with the protocol's schema.
import type { ApprovalDecision, EngineSettings, ThreadItem, ToolName } from '../../../protocol';
import type { AuditLog } from '../../audit/types';
import type { PatchManager } from '../../patches/patch-manager';
import type { AbortSignalLike } from '../../ports/cancellation';
import type { McpServers } from '../../ports/mcp';
import type { Shell } from '../../ports/shell';
import type { Clock, Hasher, IdSource } from '../../ports/system';
import type { Workspace } from '../../ports/workspace';

/** What the model is told: the tool's output text, and whether it failed. */
export interface ToolResult {
  output: string;
  isError: boolean;
  /** How the call was approved, for the audit log (absent: it needed no approval). */
  approval?: { decision: ApprovalDecision | 'refused'; by: 'user' | 'policy' };
}

/** Where a tool shows its work to the user. */
export interface ItemSink {
  /** Starts (or, with an existing id, replaces) an item, persists it and notifies the views. */
  started(item: ThreadItem): Promise<void>;
  updated(item: ThreadItem): Promise<void>;
  completed(item: ThreadItem): Promise<void>;
  /** Emits turn/plan/updated. */
  planUpdated(plan: { explanation?: string; steps: { step: string; status: 'pending' | 'in_progress' | 'completed' }[] }): void;
}

export interface ToolContext {
  threadId: string;
  turnId: string;
  callId: string;
  settings: EngineSettings;
  workspace: Workspace;
  shell: Shell;
  /** The MCP servers' tools (calls go through here; the turn picks the tool). */
  mcp: McpServers;
  clock: Clock;
  ids: IdSource;
  hasher: Hasher;
  audit: AuditLog;
  patches: PatchManager;
  items: ItemSink;
  signal: AbortSignalLike;
  /** Asks the user to approve a command shown by `itemId`; resolves with their decision. */
  approveCommand(itemId: string, command: string[], workdir: string, reason: string): Promise<ApprovalDecision>;
  /** Exact commands the user approved for the rest of this session. */
  commandsApprovedForSession: Set<string>;
  /** Ends the turn (the user chose "cancel" in an approval). */
  cancelTurn(): void;
  /** False when nobody can answer an approval (crosswind exec): what would ask is reported instead. */
  interactive: boolean;
}

export interface Tool {
  name: ToolName;
  /** Model-facing description: short, because every request pays for it. */
  description: string;
  run(rawInput: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
}

export function ok(output: string): ToolResult {
  return { output, isError: false };
}

export function fail(output: string): ToolResult {
  return { output, isError: true };
}
