// The "Get started" walkthrough's steps done, from what already exists rather than only from what happens
// while the walkthrough is open: a profile already configured (settings), a connection once verified, a
// task once given, a patch once reviewed, a cost report once opened. Each is a context key the manifest's
// `completionEvents` name (`onContext:…`); those that are events, not settings, are remembered in the
// extension's global state, so they are true from the start of every later window too.
import * as vscode from 'vscode';
import { Disposable } from './disposable';
import type { EngineConnection } from './engine/engine-connection';
import type { CostReportPanel } from './cost/cost-report-panel';
import type { PatchReview } from './review/patch-review';
import type { SettingsSync } from './settings/settings-sync';

import { WALKTHROUGH_KEYS } from './walkthrough-keys';

type Remembered = Exclude<keyof typeof WALKTHROUGH_KEYS, 'hasProfile'>;

const STATE_KEY = 'crosswind.walkthroughDone';

export class WalkthroughProgress extends Disposable {
  private readonly done: Set<Remembered>;

  constructor(
    private readonly memento: vscode.Memento,
    settings: SettingsSync,
    engine: EngineConnection,
    review: PatchReview,
    costReport: CostReportPanel,
  ) {
    super();
    this.done = new Set(memento.get<Remembered[]>(STATE_KEY, []));
    for (const step of this.done) setContext(WALKTHROUGH_KEYS[step], true);
    const hasProfile = () => setContext(WALKTHROUGH_KEYS.hasProfile, settings.current.profiles.length > 0);
    hasProfile();
    this.register(settings.onDidChange(hasProfile));
    this.register(
      engine.onNotification((n) => {
        if (n.method === 'turn/started') this.mark('taskGiven');
        if (n.method === 'thread/updated' && n.params.thread.turnCount > 0) this.mark('taskGiven');
      }),
    );
    this.register(review.onDidChange(({ patch }) => patch.decidedBy === 'user' && patch.status !== 'pending' && this.mark('patchReviewed')));
    this.register(costReport.onDidOpen(() => this.mark('costReportOpened')));
  }

  /** A step that is done (a connection test passed, …): its key now and in later windows. */
  mark(step: Remembered): void {
    setContext(WALKTHROUGH_KEYS[step], true);
    if (this.done.has(step)) return;
    this.done.add(step);
    void this.memento.update(STATE_KEY, [...this.done]);
  }
}

function setContext(key: string, value: boolean): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
