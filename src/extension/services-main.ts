// Composition root of the extension's services: builds them and wires them together. No logic lives
// here. Bundled separately (dist/extension-services.js) and loaded by extension.ts right after
// activation, so activating stays a few milliseconds (see extension.ts).
import * as vscode from 'vscode';
import { commandModules } from './commands';
import { AuditLogDocuments } from './audit/audit-log-documents';
import { CostReportPanel } from './cost/cost-report-panel';
import { clientRequestHandlers } from './engine/client-request-handlers';
import { EngineConnection } from './engine/engine-connection';
import { WorkspaceFolderChanges } from './engine/folder-changes';
import { engineInitOptions } from './engine/init-options';
import { createLog } from './log';
import { ApprovalCenter } from './review/approval-center';
import { DiffReview } from './review/diff-review';
import { PatchReview } from './review/patch-review';
import type { ExtensionServices } from './services';
import { userMcpJsonPath } from './settings/mcp-settings';
import { SettingsSync } from './settings/settings-sync';
import { ConversationController } from './sidebar/conversation-controller';
import { ConversationView } from './sidebar/conversation-view';
import { CrosswindStatusBar } from './status-bar';
import { TurnActivity } from './turn-activity';
import { WalkthroughProgress } from './walkthrough-progress';
import { cloudUnavailableReason } from '../shared';

/** The services, and how to run any command the extension declares. */
export interface LoadedServices {
  services: ExtensionServices;
  runCommand(id: string, args: unknown[]): unknown;
  /** Commands with an implementation (the integration test checks every declared one has one). */
  commandIds: string[];
}

export function createServices(context: vscode.ExtensionContext): LoadedServices {
  const log = createLog();
  const trace = vscode.window.createOutputChannel('Crosswind Engine Trace', { log: true });
  context.subscriptions.push(log, trace);

  // The view is built after the controller it routes to; the approval center only asks whether it is visible.
  const viewRef: { current?: ConversationView } = {};
  const approvals = new ApprovalCenter(() => viewRef.current?.visible ?? false);
  const engine = new EngineConnection(context.extensionUri, log, trace, clientRequestHandlers(context.secrets, approvals), () => engineInitOptions(context));
  // A question the engine left open when its turn ended can no longer be answered: take it off the cards.
  const turnEnds = engine.onNotification((n) => {
    if (n.method === 'turn/completed') approvals.cancelTurn(n.params.turn.id);
  });
  const settings = new SettingsSync(engine, log, userMcpJsonPath(context.globalStorageUri));
  const review = new PatchReview(engine);
  const diffs = new DiffReview(engine, review, log);
  const conversation = new ConversationController({
    context,
    engine,
    approvals,
    review,
    log,
    activeProfile: () => settings.activeProfile(),
    approvalPolicy: () => settings.current.approvalPolicy,
    cloudUnavailable: () => cloudUnavailableReason(settings.current),
    openDiff: async (threadId, patchId, path) => {
      await vscode.commands.executeCommand('crosswind.openPatchDiff', threadId, patchId, path);
    },
  });
  const view = new ConversationView(context.extensionUri, log, conversation.handlers());
  viewRef.current = view;
  conversation.attach(view);
  const statusBar = new CrosswindStatusBar(conversation, engine);
  const activity = new TurnActivity(engine, approvals, review);
  const folderChanges = new WorkspaceFolderChanges(engine, activity, log);
  const costReport = new CostReportPanel(engine, context.extensionUri, log);
  const auditLog = new AuditLogDocuments(engine);
  const walkthrough = new WalkthroughProgress(context.globalState, settings, engine, review, costReport);
  const services: ExtensionServices = { context, log, engine, approvals, review, diffs, view, conversation, statusBar, activity, costReport, auditLog, walkthrough };

  context.subscriptions.push(
    view,
    approvals,
    turnEnds,
    engine,
    settings,
    review,
    diffs,
    conversation,
    statusBar,
    activity,
    costReport,
    auditLog,
    walkthrough,
    folderChanges,
    settings.onDidChange(() => conversation.pushStatus()),
  );

  engine.start().catch((e: unknown) => log.error(`The Crosswind engine did not start: ${e instanceof Error ? e.message : String(e)}`));

  const byId = new Map(commandModules.map((m) => [m.id, m]));
  return {
    services,
    commandIds: [...byId.keys()],
    runCommand: (id, args) => {
      const command = byId.get(id);
      if (!command) throw new Error(`Crosswind has no implementation for the command ${id}.`);
      return command.run(services, ...args);
    },
  };
}
