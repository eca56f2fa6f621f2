// Says what the agent is doing: a thin progress bar while a turn runs, a short visible line, and a
// polite live region so screen-reader users hear "responding", "waiting for your approval", "done"
// once each instead of every streamed word.
import { activeTurn, waitingFor, type ViewState } from '../state/view-state';
import { h, spinner } from '../ui/dom';

export class ActivityStatus {
  readonly element: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly line: HTMLElement;
  private readonly live: HTMLElement;
  private lastAnnouncement = '';
  private wasRunning = false;

  constructor() {
    this.bar = h('div', { class: 'progress-bar', attrs: { 'aria-hidden': 'true' } });
    this.line = h('div', { class: 'activity-line' });
    this.live = h('div', { class: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
    this.element = h('div', { class: 'activity' }, this.bar, this.line, this.live);
  }

  update(state: ViewState): void {
    const running = activeTurn(state) !== undefined;
    const waits = waitingFor(state);
    const waiting = waits !== undefined;
    // A patch waits for a review, a command for an approval: the status bar says the same.
    const text = waits === 'review' ? 'Waiting for your review' : waits === 'approval' ? 'Waiting for your approval' : running ? 'Crosswind is responding…' : this.wasRunning ? 'Response complete' : '';
    this.wasRunning = running;
    this.bar.hidden = !running;
    this.line.hidden = !(running || waiting);
    this.line.replaceChildren(...(running && !waiting ? [spinner(), ' '] : []), text);
    if (text !== this.lastAnnouncement) {
      this.lastAnnouncement = text;
      this.live.textContent = text;
    }
  }
}
