// A task's events, numbered 1, 2, 3… as they happen, kept for the whole task so a dispatcher can read them
// in pages from any point (after a dropped connection, from another machine) and long-poll for the next.
import type { CloudTaskEvent } from '../../protocol';

/** Most bytes of events in one answer (the first event is always sent, however large). */
const PAGE_BYTES = 4 * 1024 * 1024;
const PAGE_EVENTS = 500;

export interface EventPage {
  events: CloudTaskEvent[];
  lastSeq: number;
  more: boolean;
}

export class TaskEventLog {
  private readonly events: CloudTaskEvent[] = [];
  private readonly sizes: number[] = [];
  private readonly waiters = new Set<() => void>();
  private closed = false;

  push(event: { type: string; [key: string]: unknown }): void {
    if (this.closed) return;
    const numbered = { seq: this.events.length + 1, ...event } as CloudTaskEvent;
    this.events.push(numbered);
    this.sizes.push(JSON.stringify(numbered).length);
    this.wake();
  }

  /** No more events (the task ended): long polls answer at once. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  get count(): number {
    return this.events.length;
  }

  page(afterSeq: number, limit = PAGE_EVENTS): EventPage {
    const out: CloudTaskEvent[] = [];
    let bytes = 0;
    let i = Math.min(afterSeq, this.events.length);
    for (; i < this.events.length && out.length < Math.min(limit, PAGE_EVENTS); i++) {
      if (out.length > 0 && bytes + this.sizes[i]! > PAGE_BYTES) break;
      bytes += this.sizes[i]!;
      out.push(this.events[i]!);
    }
    return { events: out, lastSeq: out.length ? out[out.length - 1]!.seq : afterSeq, more: i < this.events.length };
  }

  /** Resolves when an event after `afterSeq` exists, the log closes, or `ms` pass — whichever is first. */
  waitFor(afterSeq: number, ms: number): Promise<void> {
    if (this.closed || this.events.length > afterSeq || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
