// What Crosswind is doing, in the status bar: working while a turn runs, and — what matters most — when it
// is waiting for the user instead: a patch to review or a command to approve, with a click that goes
// there. Hidden when nothing runs and nothing waits. (The engine's own "$/progress" would say "working"
// all the while a turn waits on the user, which is exactly when the user must act.)
import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { EngineConnection } from './engine/engine-connection';
import type { ApprovalCenter } from './review/approval-center';
import type { PatchReview } from './review/patch-review';

export type ActivityState = 'idle' | 'working' | 'review' | 'approval';

const LOOK: Record<Exclude<ActivityState, 'idle'>, { text: string; tooltip: string; command?: string }> = {
  working: { text: '$(sync~spin) Crosswind is working…', tooltip: 'Crosswind is working on your request. Click to show the conversation.', command: 'crosswind.conversation.focus' },
  review: { text: '$(eye) Crosswind is waiting for your review', tooltip: 'A patch waits for your review. Click to review it in the diff editor.', command: 'crosswind.reviewPendingPatches' },
  approval: { text: '$(question) Crosswind is waiting for your approval', tooltip: 'A command waits for your approval. Click to show it in the conversation.', command: 'crosswind.conversation.focus' },
};

export class TurnActivity extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('crosswind.activity', vscode.StatusBarAlignment.Left, 0));
  /** Turns running now, across conversations. */
  private readonly running = new Set<string>();

  constructor(
    engine: EngineConnection,
    private readonly approvals: ApprovalCenter,
    private readonly review: PatchReview,
  ) {
    super();
    this.item.name = 'Crosswind activity';
    this.register(
      engine.onNotification((n) => {
        if (n.method === 'turn/started') this.running.add(n.params.turn.id);
        else if (n.method === 'turn/completed') this.running.delete(n.params.turn.id);
        else return;
        this.render();
      }),
    );
    // A restarted engine runs no turn of the old one.
    this.register(engine.onDidChangeState((s) => s !== 'running' && (this.running.clear(), this.render())));
    this.register(approvals.onDidAdd(() => this.render()));
    this.register(approvals.onDidSettle(() => this.render()));
    this.register(review.onDidChange(() => this.render()));
    this.render();
  }

  /** Turns running now (a change of workspace folders waits for none to run before restarting the engine). */
  get turnsRunning(): number {
    return this.running.size;
  }

  get state(): ActivityState {
    // A running turn waits for a review while a patch it proposed for review is pending.
    if (this.review.pending().some((p) => p.reviewReason !== undefined && p.turnId !== undefined && this.running.has(p.turnId))) return 'review';
    if (this.approvals.all.length > 0) return 'approval';
    return this.running.size > 0 ? 'working' : 'idle';
  }

  /** What the item shows ('' when hidden); the integration tests read it. */
  get text(): string {
    return this.state === 'idle' ? '' : this.item.text;
  }

  private render(): void {
    const state = this.state;
    if (state === 'idle') {
      this.item.hide();
      return;
    }
    const look = LOOK[state];
    this.item.text = look.text;
    this.item.tooltip = look.tooltip;
    this.item.command = look.command;
    this.item.accessibilityInformation = { label: look.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    this.item.show();
  }
}
