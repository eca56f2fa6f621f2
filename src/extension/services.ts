// What commands and views share: built once in extension.ts, passed to every command.
import type * as vscode from 'vscode';
import type { EngineConnection } from './engine/engine-connection';
import type { ApprovalCenter } from './review/approval-center';
import type { PatchReview } from './review/patch-review';
import type { ConversationController } from './sidebar/conversation-controller';
import type { ConversationView } from './sidebar/conversation-view';

export interface ExtensionServices {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  engine: EngineConnection;
  approvals: ApprovalCenter;
  review: PatchReview;
  view: ConversationView;
  conversation: ConversationController;
}
