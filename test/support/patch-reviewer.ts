// The user of a test harness reviewing patches: when a turn waits for the review of a patch (a pending
// fileChange item carrying the policy's reason), the test's approver decides, and the decision goes back
// the way the editor sends it — patch/apply or patch/reject — not as the answer to a request.
import type { ApprovalDecision, EngineNotification, PatchView } from '../../src/protocol';

export interface PatchReviewRequest {
  threadId: string;
  turnId: string;
  itemId: string;
  patch: PatchView;
  /** Why the approval policy left it to the user. */
  reason: string;
}

/** The patch a notification shows waiting for the user's review, if any. */
export function patchWaitingForReview(event: EngineNotification): PatchReviewRequest | undefined {
  if (event.method !== 'item/started' && event.method !== 'item/updated') return undefined;
  const item = event.params.item;
  if (item.type !== 'fileChange' || item.patch.status !== 'pending' || item.reviewReason === undefined) return undefined;
  return { threadId: event.params.threadId, turnId: item.turnId, itemId: item.id, patch: item.patch, reason: item.reviewReason };
}

export interface PatchSettler {
  apply(threadId: string, patchId: string): Promise<unknown>;
  reject(threadId: string, patchId: string): Promise<unknown>;
}

/** Answers each patch waiting for review once: `decide` says accept (apply it) or anything else (reject it). */
export class PatchReviewer {
  private readonly seen = new Set<string>();
  /** What settling a patch failed with (the turn ended first, the files changed…). */
  readonly errors: unknown[] = [];

  constructor(
    private readonly decide: (request: PatchReviewRequest) => Promise<ApprovalDecision> | ApprovalDecision,
    private readonly settle: PatchSettler,
    private readonly record: (request: PatchReviewRequest, decision: ApprovalDecision) => void,
  ) {}

  onEvent(event: EngineNotification): void {
    const request = patchWaitingForReview(event);
    if (!request || this.seen.has(request.patch.id)) return;
    this.seen.add(request.patch.id);
    // Not from inside the engine's notify call: the user answers later, as in the editor.
    setImmediate(() => void this.answer(request));
  }

  private async answer(request: PatchReviewRequest): Promise<void> {
    const decision = await this.decide(request);
    this.record(request, decision);
    try {
      if (decision === 'accept' || decision === 'acceptForSession') await this.settle.apply(request.threadId, request.patch.id);
      else await this.settle.reject(request.threadId, request.patch.id);
    } catch (e) {
      this.errors.push(e);
    }
  }
}
