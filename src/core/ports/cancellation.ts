// Cancellation without DOM or Node types: the subset of AbortSignal the engine needs. A real AbortSignal
// satisfies AbortSignalLike, so adapters pass SDK signals straight in, and CancellationSource gives the
// engine its own signals (interrupts, timeouts) that adapters can hand to an SDK through an AbortController.

export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export class CancellationSource {
  private readonly listeners = new Set<() => void>();
  private aborted = false;
  private abortReason: unknown;
  readonly signal: AbortSignalLike;

  constructor(parent?: AbortSignalLike) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the signal object reads this source's private state
    const state = this;
    this.signal = {
      get aborted() {
        return state.aborted;
      },
      get reason() {
        return state.abortReason;
      },
      addEventListener: (_type, listener) => {
        if (state.aborted) listener();
        else state.listeners.add(listener);
      },
      removeEventListener: (_type, listener) => {
        state.listeners.delete(listener);
      },
    };
    if (parent) {
      if (parent.aborted) this.cancel(parent.reason);
      else parent.addEventListener('abort', () => this.cancel(parent.reason), { once: true });
    }
  }

  get cancelled(): boolean {
    return this.aborted;
  }

  cancel(reason: unknown = new CancelledError()): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const l of listeners) l();
  }
}

/** Throws the signal's reason (or a CancelledError) when it is aborted. */
export function throwIfCancelled(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new CancelledError();
}
