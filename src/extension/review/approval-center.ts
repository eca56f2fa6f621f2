// Command approvals the engine is waiting on (item/command/requestApproval): whichever view the user acts
// in — the command's card in the sidebar or a notification — settles the same pending request. (Patches
// are not approval requests: they wait, pending, for patch/* requests — see PatchReview.)
import * as vscode from 'vscode';
import type { ApprovalDecision, ClientRequestParams, ClientRequestResult } from '../../protocol';
import { Disposable } from '../disposable';

type CommandParams = ClientRequestParams<'item/command/requestApproval'>;
type Result = ClientRequestResult<'item/command/requestApproval'>;

export interface PendingApproval {
  requestId: string;
  params: CommandParams;
}

interface Entry {
  approval: PendingApproval;
  resolve: (r: Result) => void;
}

export class ApprovalCenter extends Disposable {
  private readonly pending = new Map<string, Entry>();
  private counter = 0;
  private readonly addedEmitter = this.register(new vscode.EventEmitter<PendingApproval>());
  private readonly settledEmitter = this.register(new vscode.EventEmitter<{ approval: PendingApproval; decision: ApprovalDecision }>());
  readonly onDidAdd = this.addedEmitter.event;
  readonly onDidSettle = this.settledEmitter.event;

  /** Called when the sidebar cannot show the question (hidden): a notification asks instead. */
  constructor(private readonly isSidebarVisible: () => boolean) {
    super();
  }

  get all(): PendingApproval[] {
    return [...this.pending.values()].map((e) => e.approval);
  }

  requestCommandApproval(params: CommandParams): Promise<Result> {
    const promise = this.add({ requestId: this.nextId(), params });
    if (!this.isSidebarVisible()) void this.askInNotification(params);
    return promise;
  }

  /** Settles one request; returns false when it was already settled (another view answered first). */
  settle(requestId: string, decision: ApprovalDecision): boolean {
    const entry = this.pending.get(requestId);
    if (!entry) return false;
    this.pending.delete(requestId);
    entry.resolve({ decision });
    this.settledEmitter.fire({ approval: entry.approval, decision });
    return true;
  }

  /** A turn ended (an interrupt while it asked, say): the engine no longer waits on its questions. */
  cancelTurn(turnId: string): void {
    for (const e of [...this.pending.values()]) if (e.approval.params.turnId === turnId) this.settle(e.approval.requestId, 'cancel');
  }

  /** The engine restarted: its questions died with it. */
  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, 'cancel');
  }

  override dispose(): void {
    this.cancelAll();
    super.dispose();
  }

  private add(approval: PendingApproval): Promise<Result> {
    return new Promise<Result>((resolve) => {
      this.pending.set(approval.requestId, { approval, resolve });
      this.addedEmitter.fire(approval);
    });
  }

  private nextId(): string {
    this.counter += 1;
    return `apr_${Date.now().toString(36)}_${this.counter}`;
  }

  private async askInNotification(params: CommandParams): Promise<void> {
    const requestId = [...this.pending.values()].find((e) => e.approval.params.itemId === params.itemId)?.approval.requestId;
    if (!requestId) return;
    const shown = params.command.join(' ');
    const pick = await vscode.window.showWarningMessage(
      `Crosswind wants to run: ${shown.length > 200 ? shown.slice(0, 200) + '…' : shown}`,
      { detail: params.reason ?? `in ${params.workdir || 'the workspace root'}` },
      'Allow',
      'Allow for Session',
      'Decline',
    );
    const decision: ApprovalDecision = pick === 'Allow' ? 'accept' : pick === 'Allow for Session' ? 'acceptForSession' : 'decline';
    this.settle(requestId, decision);
  }
}
