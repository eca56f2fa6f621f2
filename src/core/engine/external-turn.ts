// A turn whose work happens somewhere else — a cloud task running the same engine in AgentCore — shown in
// a thread of this engine exactly like a local turn: the same user message, the same items (recorded,
// persisted and announced as item/* notifications), the same turn/updated and turn/completed with its
// cost. The items arrive from outside, already made; this file only gives them this thread's turn.
// While it runs it is the thread's running turn, so no local turn starts beside it and Stop interrupts it.
import type { Cost, ErrorInfo, ThreadItem, Turn, TurnStatus, Usage } from '../../protocol';
import type { CancellationSource } from '../ports/cancellation';
import type { Clock } from '../ports/system';
import type { EngineClient } from './engine-client';
import type { ThreadSession } from './thread-session';

export interface ExternalTurnDeps {
  clock: Clock;
  client: EngineClient;
  dayCost(): Cost;
}

export class ExternalTurn {
  private finished = false;

  constructor(
    private readonly session: ThreadSession,
    private turn: Turn,
    private readonly cancel: CancellationSource,
    private readonly deps: ExternalTurnDeps,
    private readonly resolveDone: (turn: Turn) => void,
  ) {}

  get threadId(): string {
    return this.session.id;
  }

  get turnId(): string {
    return this.turn.id;
  }

  /** The turn's spend so far in US dollars (what is priced of it), null before any is known. */
  get costUsd(): number | null {
    return this.turn.cost.usd ?? (this.turn.cost.partialUsd > 0 ? this.turn.cost.partialUsd : null);
  }

  /** Stop in the views (turn/interrupt) asks for this: the caller stops the work where it runs. */
  onInterrupt(listener: () => void): void {
    this.cancel.signal.addEventListener('abort', listener, { once: true });
  }

  /** An item as the remote turn reported it, now an item of this turn (its id kept: it is this thread's only turn of it). */
  async item(item: ThreadItem, phase: 'started' | 'completed'): Promise<void> {
    if (this.finished) return;
    const local = { ...item, turnId: this.turn.id } as ThreadItem;
    if (phase === 'started') await this.session.started(local);
    else await this.session.completed(local);
  }

  /** The remote turn's usage and cost so far. */
  async progress(usage: Usage, cost: Cost): Promise<void> {
    if (this.finished) return;
    this.turn = { ...this.turn, usage, cost };
    await this.session.setTurn(this.turn);
    this.deps.client.notify('turn/updated', { threadId: this.session.id, turn: this.turn, threadUsage: this.session.state.usage, threadCost: this.session.state.cost, dayCost: this.deps.dayCost() });
  }

  async finish(status: Exclude<TurnStatus, 'inProgress'>, error?: ErrorInfo): Promise<Turn> {
    if (this.finished) return this.turn;
    this.finished = true;
    this.turn = { ...this.turn, status, completedAt: this.deps.clock.now(), ...(error ? { error } : {}) };
    await this.session.setTurn(this.turn);
    this.session.running = undefined;
    await this.session.flush().catch(() => undefined);
    this.deps.client.notify('turn/completed', {
      threadId: this.session.id,
      turn: this.turn,
      threadUsage: this.session.state.usage,
      threadCost: this.session.state.cost,
      dayCost: this.deps.dayCost(),
    });
    this.deps.client.notify('thread/updated', { thread: this.session.state.summary() });
    this.resolveDone(this.turn);
    return this.turn;
  }
}
