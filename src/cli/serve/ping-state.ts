// GET /ping's answer: Healthy when idle, HealthyBusy while a task runs, with the Unix time (seconds) of the
// last change of status — AgentCore ends a session that stays Healthy past its idle timeout, and reads the
// timestamp to tell a busy session from a stuck one (see agentcore-contract.ts).
import type { PingStatus } from './agentcore-contract';

export class PingState {
  private status: PingStatus = 'Healthy';
  private changedAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.changedAt = now();
  }

  /** Called whenever the number of running tasks changes. */
  update(runningTasks: number): void {
    const next: PingStatus = runningTasks > 0 ? 'HealthyBusy' : 'Healthy';
    if (next === this.status) return;
    this.status = next;
    this.changedAt = this.now();
  }

  body(): { status: PingStatus; time_of_last_update: number } {
    return { status: this.status, time_of_last_update: Math.floor(this.changedAt / 1000) };
  }
}
