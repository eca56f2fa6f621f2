// Adding or removing a workspace folder changes what the engine may reach, so the engine is restarted
// with the new folder list (init-options.ts reads it again at each start). Never under a running turn:
// a change made while one runs takes effect when the last running turn ends.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { TurnActivity } from '../turn-activity';
import type { EngineConnection } from './engine-connection';

export class WorkspaceFolderChanges extends Disposable {
  private waiting = false;

  constructor(
    private readonly engine: EngineConnection,
    private readonly activity: TurnActivity,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed()));
    this.register(
      engine.onNotification((n) => {
        // After TurnActivity has counted the turn out (its listener is registered first; a tick makes sure).
        if (n.method === 'turn/completed' && this.waiting) setTimeout(() => this.restartIfIdle(), 0);
      }),
    );
  }

  private changed(): void {
    this.waiting = true;
    if (this.activity.turnsRunning > 0) this.log.info('Workspace folders changed: the engine restarts with them when the running turn ends.');
    this.restartIfIdle();
  }

  private restartIfIdle(): void {
    if (!this.waiting || this.activity.turnsRunning > 0) return;
    this.waiting = false;
    this.log.info('Workspace folders changed: restarting the engine with them.');
    this.engine.restart().catch((e: unknown) => this.log.error(`The Crosswind engine did not restart: ${e instanceof Error ? e.message : String(e)}`));
  }
}
