// The engine cancels with an AbortSignalLike; the openai SDK and fetch need a real AbortSignal. This links
// the two so aborting the engine's signal aborts the HTTP request at once.
import type { AbortSignalLike } from '../../core/ports/cancellation';

export interface LinkedAbort {
  readonly signal: AbortSignal;
  /** Detaches from the engine's signal (call when the request is over). */
  dispose(): void;
}

export function linkAbortSignal(source?: AbortSignalLike): LinkedAbort {
  const controller = new AbortController();
  if (!source) return { signal: controller.signal, dispose: () => undefined };
  if (source.aborted) {
    controller.abort(source.reason);
    return { signal: controller.signal, dispose: () => undefined };
  }
  const onAbort = () => controller.abort(source.reason);
  source.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, dispose: () => source.removeEventListener('abort', onAbort) };
}
