// A loaded thread: its state, its store, and the front end it reports to. Every change is persisted
// (append-only) before or as it is announced, so a crash or a window reload loses nothing: the thread,
// its pending patches and a half-streamed answer (marked interrupted) all come back.
import type { ItemOf, ThreadItem, Turn } from '../../protocol';
import { TokenEstimator } from '../agent/context-window';
import type { ItemSink } from '../agent/tools/tool';
import { CancellationSource } from '../ports/cancellation';
import type { Clock, Logger } from '../ports/system';
import type { ThreadRecord, ThreadStore } from '../threads/records';
import type { ThreadState } from '../threads/thread-state';
import type { EngineClient } from './engine-client';

/** Streamed text is persisted in batches at most this far apart. */
const DELTA_FLUSH_MS = 400;

export interface RunningTurn {
  turn: Turn;
  cancel: CancellationSource;
  done: Promise<Turn>;
}

export class ThreadSession implements ItemSink {
  running: RunningTurn | undefined;
  /** Exact commands approved "for session" in this thread. */
  readonly commandsApprovedForSession = new Set<string>();
  readonly estimator = new TokenEstimator();
  /** Index in the profile chain that served last in the running turn (a failover sticks for the turn). */
  chainIndex = 0;
  /** Who the engine last acted as on this thread (for the audit records of its tool calls and file changes). */
  identity: string | undefined;
  private pendingDeltas: ThreadRecord[] = [];
  private flushTimer: { cancel(): void } | undefined;
  private writeChain: Promise<void> = Promise.resolve();
  private readonly announced = new Set<string>();
  /** Streamed text not passed on yet, by item: the start of a word still streaming. */
  private readonly heldText = new Map<string, string>();

  constructor(
    readonly state: ThreadState,
    private readonly store: ThreadStore,
    private readonly client: EngineClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    for (const item of state.items) this.announced.add(item.id);
  }

  get id(): string {
    return this.state.id;
  }

  /** Applies records in memory and appends them to the thread file, in order. */
  record(...records: ThreadRecord[]): Promise<void> {
    const now = this.clock.now();
    for (const r of records) this.state.apply(r, now);
    const pending = [...this.pendingDeltas, ...records];
    this.pendingDeltas = [];
    this.flushTimer?.cancel();
    this.flushTimer = undefined;
    this.writeChain = this.writeChain.then(() =>
      this.store.append(this.id, pending).catch((e: unknown) => {
        this.logger.log('error', `Could not save thread ${this.id}: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
      }),
    );
    return this.writeChain;
  }

  /** Waits for every record written so far to be on disk. */
  async flush(): Promise<void> {
    if (this.pendingDeltas.length) await this.record();
    await this.writeChain;
  }

  async started(item: ThreadItem): Promise<void> {
    this.announced.add(item.id);
    await this.record({ type: 'item', threadItem: item });
    this.client.notify('item/started', { threadId: this.id, item });
  }

  async updated(item: ThreadItem): Promise<void> {
    // Only a discarded attempt replaces a streaming item's text: its held-back end goes with it.
    this.heldText.delete(item.id);
    if (!this.announced.has(item.id)) return this.started(item);
    await this.record({ type: 'item', threadItem: item });
    this.client.notify('item/updated', { threadId: this.id, item });
  }

  async completed(item: ThreadItem): Promise<void> {
    const held = this.heldText.get(item.id);
    this.heldText.delete(item.id);
    if (held && (item.type === 'agentMessage' || item.type === 'reasoning')) this.passOn(item, held);
    if (!this.announced.has(item.id)) {
      this.announced.add(item.id);
      this.client.notify('item/started', { threadId: this.id, item });
    }
    await this.record({ type: 'item', threadItem: item });
    this.client.notify('item/completed', { threadId: this.id, item });
  }

  planUpdated(plan: { explanation?: string; steps: ItemOf<'plan'>['steps'] }): void {
    const turnId = this.running?.turn.id ?? this.state.turns[this.state.turns.length - 1]?.id ?? '';
    this.client.notify('turn/plan/updated', { threadId: this.id, turnId, plan: plan.steps, ...(plan.explanation ? { explanation: plan.explanation } : {}) });
  }

  /**
   * Streams text into an agent message or reasoning item: in memory at once; announced and persisted (in
   * batches) a whole word at a time, so that a secret the model repeats is never split across two deltas,
   * where redaction (of the thread file, of what the views are sent) could not recognise it. The last word
   * follows when the item completes.
   */
  delta(item: ItemOf<'agentMessage'> | ItemOf<'reasoning'>, delta: string): void {
    this.state.apply({ type: 'itemDelta', itemId: item.id, delta }, this.clock.now());
    const text = (this.heldText.get(item.id) ?? '') + delta;
    let cut = text.length;
    while (cut > 0 && !/\s/.test(text[cut - 1]!)) cut--;
    this.heldText.set(item.id, text.slice(cut));
    if (cut > 0) this.passOn(item, text.slice(0, cut));
  }

  /** Announces streamed text and queues it for the thread file. */
  private passOn(item: ItemOf<'agentMessage'> | ItemOf<'reasoning'>, delta: string): void {
    this.pendingDeltas.push({ type: 'itemDelta', itemId: item.id, delta });
    this.client.notify(item.type === 'agentMessage' ? 'item/agentMessage/delta' : 'item/reasoning/delta', {
      threadId: this.id,
      turnId: item.turnId,
      itemId: item.id,
      delta,
    });
    if (!this.flushTimer) {
      // Cancelled (by record(), which writes the deltas itself) through the sleep's signal, so the timer
      // is cleared too: a timer left running kept `crosswind exec` alive after its turn.
      const timer = new CancellationSource();
      this.flushTimer = timer;
      this.clock.sleep(DELTA_FLUSH_MS, timer.signal).then(
        () => {
          if (this.flushTimer !== timer) return; // record() ran as the timer fired: the deltas are written
          this.flushTimer = undefined;
          void this.record().catch(() => undefined);
        },
        () => undefined,
      );
    }
  }

  /** The item as it is now (with streamed text), typed. */
  current<T extends ThreadItem['type']>(id: string, type: T): ItemOf<T> | undefined {
    const item = this.state.item(id);
    return item?.type === type ? (item as ItemOf<T>) : undefined;
  }

  /**
   * Answers, with `output` as an error result, every tool call in the conversation that has none: the
   * turn ended, or the engine stopped, while it was being handled. Every provider refuses a conversation
   * with an unanswered call, so without this the thread could never go on.
   */
  async answerOpenToolCalls(turnId: string, output: string): Promise<void> {
    const answered = new Set(this.state.conversation.flatMap((c) => (c.type === 'toolResult' ? [c.callId] : [])));
    const open = this.state.conversation.filter((c) => c.type === 'toolCall' && !answered.has(c.callId));
    for (const c of open) if (c.type === 'toolCall') await this.record({ type: 'conversation', turnId, item: { type: 'toolResult', callId: c.callId, output, isError: true } });
  }

  async setTurn(turn: Turn): Promise<void> {
    await this.record({ type: 'turn', turn });
  }
}
