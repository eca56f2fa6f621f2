// What commands and views share: built once in extension.ts, passed to every command.
import type * as vscode from 'vscode';
import type { AuditLogDocuments } from './audit/audit-log-documents';
import type { CostReportPanel } from './cost/cost-report-panel';
import type { EngineConnection } from './engine/engine-connection';
import type { ApprovalCenter } from './review/approval-center';
import type { DiffReview } from './review/diff-review';
import type { PatchReview } from './review/patch-review';
import type { ConversationController } from './sidebar/conversation-controller';
import type { ConversationView } from './sidebar/conversation-view';
import type { CrosswindStatusBar } from './status-bar';
import type { TurnActivity } from './turn-activity';
import type { WalkthroughProgress } from './walkthrough-progress';

export interface ExtensionServices {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  engine: EngineConnection;
  approvals: ApprovalCenter;
  review: PatchReview;
  /** The diff editor's view of pending patches. */
  diffs: DiffReview;
  view: ConversationView;
  conversation: ConversationController;
  /** cloud · model · session cost; opens the provider picker. */
  statusBar: CrosswindStatusBar;
  /** Working, or waiting for the user's review or approval (status bar). */
  activity: TurnActivity;
  /** "Show Cost Report" panel and its exports. */
  costReport: CostReportPanel;
  /** "Show Audit Log" documents (crosswind-audit: scheme). */
  auditLog: AuditLogDocuments;
  /** The walkthrough's steps done, from what already exists. */
  walkthrough: WalkthroughProgress;
}
