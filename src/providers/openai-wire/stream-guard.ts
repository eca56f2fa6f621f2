// Detects a Chat Completions stream that ends without `data: [DONE]`.
//
// The openai SDK (v6, core/streaming.ts Stream.fromSSEResponse) treats the end of the response body as the
// normal end of the stream whether or not `[DONE]` arrived, so a connection closed cleanly half-way through
// looks like a finished answer. This fetch wrapper watches the SSE lines of chat-completions responses and
// makes the body fail with IncompleteStreamError when it ends without `[DONE]`; the SDK rethrows body errors
// (it only swallows AbortError), so the failure reaches the caller. Responses API streams have no `[DONE]`
// and are checked by their terminal event instead (responses-stream.ts).

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export class IncompleteStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncompleteStreamError';
  }
}

const DONE_LINE = /^data:\s?\[DONE\]\s*$/;

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** A TransformStream passing bytes through unchanged and failing at the end if no `data: [DONE]` line was seen. */
export function doneMarkerWatcher(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  let partialLine = '';
  let sawDone = false;
  const scan = (text: string) => {
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) if (DONE_LINE.test(line.replace(/\r$/, ''))) sawDone = true;
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      if (!sawDone) scan(decoder.decode(chunk, { stream: true }));
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (!sawDone) scan(decoder.decode() + '\n');
      if (!sawDone) controller.error(new IncompleteStreamError('the stream ended without its final [DONE] event'));
    },
  });
}

/** Wraps fetch so chat-completions event streams fail when they end without `[DONE]`. */
export function guardChatStreams(fetchImpl: FetchFn): FetchFn {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const isEventStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    if (!response.ok || !response.body || !isEventStream || !/\/chat\/completions(?:\?|$)/.test(urlOf(input))) return response;
    return new Response(response.body.pipeThrough(doneMarkerWatcher()), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
