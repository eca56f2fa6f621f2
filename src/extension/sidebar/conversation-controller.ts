// Connects the sidebar to the engine: which conversation is shown, the engine requests the sidebar makes
// (passed on with that conversation's id), the editor-only things it asks for, and every engine event
// forwarded to the view. Commands (refactor selection, fix problems…) start turns through it too, so
// whatever starts a turn, the sidebar shows it. The composer's draft and chips belong to the webview.
import * as vscode from 'vscode';
import type { Attachment, Cost, EngineNotification, HostToWebview, SessionStatus, Thread, Usage, WebviewParams } from '../../protocol';
import { Disposable } from '../disposable';
import type { EngineConnection } from '../engine/engine-connection';
import type { ApprovalCenter } from '../review/approval-center';
import type { PatchReview } from '../review/patch-review';
import { QuickInputUi } from '../providers/quick-input-ui';
import { attachmentFromEditor } from './attachments';
import { attachmentForDrop, attachmentForMention } from '../mentions/mention-attach';
import { MentionSearch } from '../mentions/mention-search';
import { TerminalOutputs } from '../mentions/terminal-output';
import type { UrlConsent } from '../mentions/url-fetch';
import { restoreCheckpointFlow, type RestoreOutcome, type RestoreUi } from './checkpoint-restore';
import { cloudTaskHandlers } from './cloud-task-handlers';
import { uriOfWorkspacePath } from '../engine/workspace-folders';
import type { ConversationView, WebviewMessageHandlers } from './conversation-view';
import { addCosts, addUsage, ZERO_COST, ZERO_USAGE } from '../../shared';

const ACTIVE_THREAD_KEY = 'crosswind.activeThread';

export interface ControllerDeps {
  context: vscode.ExtensionContext;
  engine: EngineConnection;
  approvals: ApprovalCenter;
  review: PatchReview;
  log: vscode.LogOutputChannel;
  /** The active profile as the settings say, for the status line. */
  activeProfile(): { name: string; provider: SessionStatus['provider']; model: string } | undefined;
  approvalPolicy(): SessionStatus['approvalPolicy'];
  /** Why "Run in the cloud" cannot be used with the current settings (undefined: it can). */
  cloudUnavailable(): string | undefined;
  openDiff(threadId: string, patchId: string, path: string): Promise<void>;
}

export class ConversationController extends Disposable {
  private view: ConversationView | undefined;
  private threadId: string | undefined;
  /** Turns that ended in this session, summed; turns still running are added from `running`. */
  private settledUsage: Usage = ZERO_USAGE;
  private settledCost: Cost = ZERO_COST;
  /** The latest usage and cost of each running turn (turn/updated, after each model request). */
  private readonly running = new Map<string, { usage: Usage; cost: Cost }>();
  /** Fix commands the engine proposed in errors (the only ones runFix will run). */
  private readonly fixCommands = new Set<string>();
  private readonly statusEmitter = this.register(new vscode.EventEmitter<SessionStatus>());
  /** The session's spend and provider, for the status bar. */
  readonly onDidChangeStatus = this.statusEmitter.event;
  /** Asks before a checkpoint restore (VS Code's dialogs; a script in the integration tests). */
  restoreUi: RestoreUi = new QuickInputUi();
  /** The active terminal's last command, for `@terminal`. */
  private readonly terminals = this.register(new TerminalOutputs());
  private readonly mentions = new MentionSearch(this.terminals);
  /** Asks before an `@https://…` page is fetched (a modal dialog; a script in the integration tests). */
  urlConsent: UrlConsent | undefined;

  constructor(private readonly deps: ControllerDeps) {
    super();
    this.threadId = deps.context.workspaceState.get<string>(ACTIVE_THREAD_KEY);
    this.register(deps.engine.onNotification((n) => this.onEngineEvent(n)));
    this.register(deps.engine.onDidChangeState(() => this.pushStatus()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.pushStatus()));
    this.register(
      deps.approvals.onDidAdd((a) => {
        if (a.params.threadId === this.threadId) void this.post({ type: 'approvalPending', requestId: a.requestId, itemId: a.params.itemId });
      }),
    );
    this.register(deps.approvals.onDidSettle(({ approval }) => void this.post({ type: 'approvalSettled', requestId: approval.requestId })));
  }

  get activeThreadId(): string | undefined {
    return this.threadId;
  }

  attach(view: ConversationView): void {
    this.view = view;
  }

  /**
   * The webview messages this controller answers: the engine requests (passed on in the conversation
   * shown; awaited, so a failure reaches the dispatcher's error report) and the editor's own.
   */
  handlers(): WebviewMessageHandlers {
    return {
      'thread/start': (p) => this.createThread(p).then(() => undefined),
      'thread/resume': (p) => this.show(p.threadId),
      'thread/list': () => this.listThreads(),
      'turn/start': (p) => this.startTurnInShownThread(p).then(() => undefined),
      'turn/interrupt': (p) => this.interrupt(p),
      // Patch decisions go through PatchReview, which the diff editor shares.
      'patch/decide': async (p) => {
        await this.deps.review.decide(this.requireThread(), p.patchId, p.decisions);
      },
      'patch/apply': async (p) => {
        await this.deps.review.applyAll(this.requireThread(), p.patchId);
      },
      'patch/reject': async (p) => {
        await this.deps.review.rejectAll(this.requireThread(), p.patchId, p.reason);
      },
      'patch/revert': (p) => this.revert(p.patchId),
      // Awaited, so a failure reaches the dispatcher's error report instead of vanishing.
      'checkpoint/restore': async (p) => {
        await this.restoreCheckpoint(p.checkpointId);
      },
      ready: () => this.onReady(),
      attach: (p) => this.attachFromEditor(p.type),
      openDiff: (p) => this.deps.openDiff(this.requireThread(), p.patchId, p.path),
      openFile: (p) => this.openFile(p.path, p.line),
      copy: async (p) => {
        await vscode.env.clipboard.writeText(p.text);
      },
      selectProvider: () => void vscode.commands.executeCommand('crosswind.selectProvider'),
      runFix: (p) => this.runFix(p.command),
      answerApproval: (p) => {
        this.deps.approvals.settle(p.requestId, p.decision);
      },
      searchMentions: async (p) => {
        await this.post({ type: 'mentions', requestId: p.requestId, query: p.query, suggestions: await this.mentions.search(p.query) });
      },
      attachMention: async (p) => this.giveAttachment(await attachmentForMention(p.mention, this.terminals, this.urlConsent), p.token),
      attachDropped: async (p) => {
        for (const uri of p.uris) this.giveAttachment(await attachmentForDrop(uri));
      },
      ...cloudTaskHandlers({ engine: this.deps.engine, show: (threadId) => this.show(threadId), post: (m) => this.post(m) }),
    };
  }

  /**
   * Starts a turn in the shown conversation (a new one if none), from the sidebar or a command. A command
   * passes its prompt as `instruction`: the model gets it, the conversation shows `text` (the command).
   */
  async startTurn(text: string, attachments: Attachment[] = [], instruction?: string): Promise<{ threadId: string; turnId: string }> {
    return this.startTurnInShownThread({ text, attachments, ...(instruction ? { instruction } : {}) });
  }

  async newThread(): Promise<void> {
    await this.createThread({});
  }

  status(): SessionStatus {
    const p = this.deps.activeProfile();
    return {
      ...(p ? { profile: p.name, provider: p.provider, model: p.model } : {}),
      approvalPolicy: this.deps.approvalPolicy(),
      trusted: vscode.workspace.isTrusted,
      engine: this.deps.engine.state,
      sessionUsage: [...this.running.values()].reduce((acc, t) => addUsage(acc, t.usage), this.settledUsage),
      sessionCost: [...this.running.values()].reduce((acc, t) => addCosts(acc, t.cost), this.settledCost),
      ...(this.deps.cloudUnavailable() ? { cloudUnavailable: this.deps.cloudUnavailable() } : {}),
    };
  }

  pushStatus(): void {
    const status = this.status();
    this.statusEmitter.fire(status);
    void this.post({ type: 'status', status });
  }

  private async onReady(): Promise<void> {
    this.pushStatus();
    await this.deps.engine.ready();
    if (this.threadId) {
      try {
        await this.show(this.threadId);
      } catch (e) {
        this.deps.log.warn(`Could not reopen the last conversation: ${e instanceof Error ? e.message : String(e)}`);
        this.threadId = undefined;
      }
    }
    for (const a of this.deps.approvals.all) {
      if (a.params.threadId === this.threadId) void this.post({ type: 'approvalPending', requestId: a.requestId, itemId: a.params.itemId });
    }
    await this.listThreads();
    await this.listCloudTasks();
    // The MCP servers as they are now; each later change arrives as mcp/statusChanged.
    try {
      const { servers } = await this.deps.engine.request('mcp/status', {});
      void this.post({ type: 'engineEvent', event: { method: 'mcp/statusChanged', params: { servers } } });
    } catch (e) {
      this.deps.log.warn(`Could not read the MCP servers' state: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async createThread(params: WebviewParams<'thread/start'>): Promise<string> {
    const { thread } = await this.deps.engine.request('thread/start', params);
    await this.setThread(thread);
    return thread.id;
  }

  /** turn/start in the conversation shown (a new one if none). */
  private async startTurnInShownThread(params: WebviewParams<'turn/start'>): Promise<{ threadId: string; turnId: string }> {
    const threadId = this.threadId ?? (await this.createThread({}));
    const { turn } = await this.deps.engine.request('turn/start', { ...params, threadId });
    return { threadId, turnId: turn.id };
  }

  private async show(threadId: string): Promise<void> {
    const { thread } = await this.deps.engine.request('thread/resume', { threadId });
    await this.setThread(thread);
  }

  private async setThread(thread: Thread): Promise<void> {
    this.threadId = thread.id;
    for (const item of thread.items) if (item.type === 'error' && item.error.fixCommand) this.fixCommands.add(item.error.fixCommand);
    for (const turn of thread.turns) if (turn.error?.fixCommand) this.fixCommands.add(turn.error.fixCommand);
    await this.deps.context.workspaceState.update(ACTIVE_THREAD_KEY, thread.id);
    for (const item of thread.items) if (item.type === 'fileChange') this.deps.review.trackItem(thread.id, item);
    await this.post({ type: 'thread', thread });
  }

  private async listThreads(): Promise<void> {
    const { threads } = await this.deps.engine.request('thread/list', {});
    await this.post({ type: 'threads', threads });
  }

  private async listCloudTasks(): Promise<void> {
    try {
      const { tasks } = await this.deps.engine.request('cloudTask/list', {});
      await this.post({ type: 'cloudTasks', tasks });
    } catch (e) {
      this.deps.log.warn(`Could not list the cloud tasks: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async interrupt(params: WebviewParams<'turn/interrupt'>): Promise<void> {
    if (this.threadId) await this.deps.engine.request('turn/interrupt', { ...params, threadId: this.threadId });
  }

  /** Makes the attachment from the active editor and gives it to the webview, which keeps the chips. */
  private async attachFromEditor(type: WebviewParams<'attach'>['type']): Promise<void> {
    this.giveAttachment(await attachmentFromEditor(type));
  }

  /** An attachment made for the composer goes to the webview; why one could not be made, to the user. */
  private giveAttachment(a: Attachment | string | undefined, token?: string): void {
    if (a === undefined) return;
    if (typeof a === 'string') {
      void vscode.window.showInformationMessage(a);
      return;
    }
    void this.post({ type: 'attached', attachment: a, ...(token ? { token } : {}) });
  }

  /** "Restore to before this turn": confirmed by the user, done by the engine (see checkpoint-restore.ts). */
  restoreCheckpoint(checkpointId: string): Promise<RestoreOutcome> {
    return restoreCheckpointFlow(this.deps.engine, checkpointId, this.restoreUi);
  }

  private async revert(patchId: string): Promise<void> {
    try {
      await this.deps.review.revert(this.requireThread(), patchId);
    } catch (e) {
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  }

  /** Opens a file the answer links to — only inside the workspace (the link text is the model's). */
  private async openFile(p: string, line?: number): Promise<void> {
    const target = uriOfWorkspacePath(p);
    if (!target) {
      this.deps.log.warn(`Not opening '${p.slice(0, 200)}': it is not inside the workspace.`);
      void vscode.window.showWarningMessage(`Crosswind opens only files inside the workspace; '${p.slice(0, 120)}' is not.`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(target);
    const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
  }

  /**
   * Runs a fix (e.g. `aws sso login --profile dev`) in a terminal — only one the engine itself proposed in
   * an error shown in this session: the webview renders model text, so a command it names is not trusted.
   */
  private runFix(command: string): void {
    if (!this.fixCommands.has(command)) {
      this.deps.log.warn(`Refused to run a command the engine did not propose: ${command.slice(0, 200)}`);
      return;
    }
    const terminal = vscode.window.createTerminal({ name: 'Crosswind: fix' });
    terminal.show();
    terminal.sendText(command, true);
  }

  private onEngineEvent(event: EngineNotification): void {
    for (const fix of fixCommandsIn(event)) this.fixCommands.add(fix);
    if (event.method === 'turn/updated') {
      this.running.set(event.params.turn.id, { usage: event.params.turn.usage, cost: event.params.turn.cost });
      this.pushStatus();
    }
    if (event.method === 'turn/completed') {
      this.running.delete(event.params.turn.id);
      this.settledUsage = addUsage(this.settledUsage, event.params.turn.usage);
      this.settledCost = addCosts(this.settledCost, event.params.turn.cost);
      this.pushStatus();
    }
    const threadOf = 'threadId' in event.params ? event.params.threadId : undefined;
    if (threadOf === undefined || threadOf === this.threadId || event.method === 'thread/updated') {
      void this.post({ type: 'engineEvent', event });
    }
  }

  private requireThread(): string {
    if (!this.threadId) throw new Error('No conversation is open.');
    return this.threadId;
  }

  private post(message: HostToWebview): Thenable<boolean> {
    return this.view?.post(message) ?? Promise.resolve(false);
  }
}

/** The fix commands an engine event carries (error items, failed turns, engine errors). */
function fixCommandsIn(event: EngineNotification): string[] {
  switch (event.method) {
    case 'item/started':
    case 'item/updated':
    case 'item/completed':
      return event.params.item.type === 'error' && event.params.item.error.fixCommand ? [event.params.item.error.fixCommand] : [];
    case 'turn/completed':
      return event.params.turn.error?.fixCommand ? [event.params.turn.error.fixCommand] : [];
    case 'engine/error':
      return event.params.error.fixCommand ? [event.params.error.fixCommand] : [];
    default:
      return [];
  }
}
