// The engine cancels with an AbortSignalLike; the cloud SDKs (AWS, openai) and fetch need a real
// AbortSignal. This links the two so aborting the engine's signal aborts the HTTP request at once.
import type { AbortSignalLike } from '../core/ports/cancellation';

export interface LinkedAbort {
  readonly signal: AbortSignal;
  /** Aborts the SDK request (e.g. when the caller stops reading the stream). */
  abort(): void;
  /** Detaches from the engine's signal (call when the request is over). */
  dispose(): void;
}

export function linkAbort(source: AbortSignalLike | undefined): LinkedAbort {
  const controller = new AbortController();
  const onAbort = () => controller.abort(source?.reason);
  if (source?.aborted) controller.abort(source.reason);
  else source?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose: () => source?.removeEventListener('abort', onAbort),
  };
}
