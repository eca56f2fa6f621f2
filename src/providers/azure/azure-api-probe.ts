// Does this Azure resource have the v1 API (/openai/v1/, with Responses)? Asked once per endpoint with a
// cheap GET /openai/v1/models and remembered in deps.memo; concurrent callers share the one probe.
// Resources without v1 answer 404 (or 400 asking for an api-version): they get Chat Completions on the
// classic deployment URL. Any other failure (auth, network, 5xx) is thrown and not remembered.
import { APIConnectionTimeoutError, APIError } from 'openai';
import type OpenAI from 'openai';

export type AzureWireApi = 'responses' | 'chat';

function memoKey(endpoint: string): string {
  return `azure.v1Api:${endpoint.toLowerCase()}`;
}

function meansNoV1(e: unknown): boolean {
  return e instanceof APIError && (e.status === 404 || (e.status === 400 && /api-version/i.test(e.message)));
}

/** The probe is shared by concurrent callers, so it runs on its own bounded signal, not on one caller's. */
const PROBE_TIMEOUT_MS = 30_000;

async function probe(v1: OpenAI): Promise<AzureWireApi> {
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    await v1.models.list({ signal: timeout, maxRetries: 0 });
    return 'responses';
  } catch (e) {
    if (meansNoV1(e)) return 'chat';
    // Our own timeout is a slow network, not a cancellation.
    if (timeout.aborted) throw new APIConnectionTimeoutError({ message: 'The v1 API probe timed out.' });
    throw e;
  }
}

/** Waits for `promise`, or rejects with an AbortError as soon as this caller's signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException('The request was aborted.', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('The request was aborted.', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A resource can have the v1 API (its /openai/v1/models answers, so the probe says 'responses') in a
 * region without the Responses API: /openai/v1/responses is then 404 "Azure OpenAI Responses API is not
 * enabled in this region" (quoted in responsibleai/ASSERT#129; regions: https://aka.ms/aoai/responsesapi/availability).
 */
export function meansNoResponses(e: unknown): boolean {
  const cause = (e as { cause?: unknown }).cause ?? e;
  return cause instanceof APIError && cause.status === 404 && /responses api is not enabled|resource not found/i.test(cause.message);
}

/** Remembers, for every client of this endpoint, that Responses is not there: Chat Completions from now on. */
export function rememberNoResponses(endpoint: string, memo: Map<string, unknown>): void {
  memo.set(memoKey(endpoint), 'chat');
}

export async function detectAzureApi(v1: OpenAI, endpoint: string, memo: Map<string, unknown>, signal: AbortSignal): Promise<AzureWireApi> {
  const key = memoKey(endpoint);
  const known = memo.get(key);
  if (known === 'responses' || known === 'chat') return known;
  if (known instanceof Promise) return untilAborted(known as Promise<AzureWireApi>, signal);
  const pending = probe(v1).then(
    (api) => {
      memo.set(key, api);
      return api;
    },
    (e: unknown) => {
      memo.delete(key);
      throw e;
    },
  );
  memo.set(key, pending);
  return untilAborted(pending, signal);
}
