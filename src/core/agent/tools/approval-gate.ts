// What a command and an MCP tool call share before they run: the policy's verdict carried out. A refusal
// or an unanswerable question (nobody to ask) declines the item with the reason; a question goes to the
// user through the one approval request the editor answers; a decline ends the call. Either way the
// item records who decided, so the views and the audit log say it.
import type { ApprovalDecision, ItemOf } from '../../../protocol';
import type { Verdict } from '../../approvals/policy';
import { fail, type ToolContext, type ToolResult } from './tool';

type Approval = { decision: ApprovalDecision; by: 'user' | 'policy' };

/** The items that wait on an approval: a command and an MCP tool call. */
type GatedItem = ItemOf<'commandExecution'> | ItemOf<'mcpToolCall'>;

interface ApprovalQuestion {
  /** What the person approving is shown as the command (for an MCP call: its server, tool and arguments). */
  command: string[];
  workdir: string;
  /** Remembered for the session on "accept for session". */
  sessionKey: string;
  /** Told to the model after "not run" when nobody could be asked: what to do instead. */
  instead: string;
  /** Told to the model when the user declines. */
  declined: string;
}

/** Runs the verdict: `{ approval }` when the call may go ahead, else `{ result }` to hand back to the model. */
export async function passApprovalGate(ctx: ToolContext, base: GatedItem, verdict: Verdict, question: ApprovalQuestion): Promise<{ approval: Approval } | { result: ToolResult }> {
  if (verdict.action === 'allow') return { approval: { decision: 'accept', by: 'policy' } };
  if (verdict.action === 'refuse') {
    await ctx.items.completed({ ...base, status: 'declined', output: verdict.reason, approval: { decision: 'decline', by: 'policy', reason: verdict.reason } });
    return { result: { ...fail(`Not run: ${verdict.reason}`), approval: { decision: 'refused', by: 'policy' } } };
  }
  if (!ctx.interactive) {
    const reason = `${verdict.reason} Nobody can approve it in this non-interactive run.`;
    await ctx.items.completed({ ...base, status: 'declined', output: reason, approval: { decision: 'decline', by: 'policy', reason } });
    return { result: { ...fail(`Not run: ${reason} ${question.instead}`), approval: { decision: 'refused', by: 'policy' } } };
  }
  await ctx.items.started({ ...base, status: 'awaitingApproval' });
  const decision = await ctx.approveCommand(base.id, question.command, question.workdir, verdict.reason);
  const approval: Approval = { decision, by: 'user' };
  if (decision === 'acceptForSession') ctx.commandsApprovedForSession.add(question.sessionKey);
  if (decision === 'decline' || decision === 'cancel') {
    await ctx.items.completed({ ...base, status: 'declined', approval });
    return { result: { ...fail(question.declined), approval } };
  }
  return { approval };
}
