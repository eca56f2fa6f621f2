// Maps what the openai SDK throws (and error events inside a stream) onto typed ModelErrors with a message
// the user can act on. The same table serves OpenAI and Azure OpenAI: both speak the OpenAI error shape
// ({ error: { message, type, code, param } }), Azure adding its own codes (DeploymentNotFound,
// OperationNotSupported, content_filter with innererror.content_filter_result).
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { isModelError, ModelError } from '../../core/model/errors';
import { type ErrorKind } from '../../protocol';
import { redactSecrets } from '../../shared';
import type { WireContext } from './context';
import { retryAfterMsFrom } from './retry-after';
import { IncompleteStreamError } from './stream-guard';

interface ServiceError {
  status?: number;
  code: string;
  type: string;
  message: string;
  body?: Record<string, unknown>;
  headers?: Headers;
  requestId?: string;
}

/** Redacts secrets, including the masked key OpenAI echoes in 401 messages ("sk-ab***yz"). */
export function cleanMessage(text: string): string {
  return redactSecrets(text).replace(/\bsk-[A-Za-z0-9_*.-]{2,}/g, 'sk-…');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function causeChain(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let cur: unknown = e; cur && out.length < 8; cur = (cur as { cause?: unknown }).cause) out.push(cur);
  return out;
}

function isAbortLike(e: unknown): boolean {
  return e instanceof APIUserAbortError || (e instanceof Error && e.name === 'AbortError');
}

/** Azure names the content filters that fired in innererror.content_filter_result. */
function contentFilters(body: Record<string, unknown> | undefined): string[] {
  const inner = body?.innererror as { content_filter_result?: Record<string, { filtered?: boolean }> } | undefined;
  const result = inner?.content_filter_result ?? (body?.content_filter_result as Record<string, { filtered?: boolean }> | undefined);
  return result ? Object.entries(result).filter(([, v]) => v?.filtered).map(([k]) => k) : [];
}

/**
 * Expired, as opposed to wrong: the WWW-Authenticate challenge says so, or the message does in so many words.
 * (Azure's generic bearer 401, "Access token is missing, invalid, audience is incorrect (…), or have expired",
 * names every cause at once and so says nothing: it stays authInvalid.)
 */
function isTokenExpiry(err: ServiceError): boolean {
  const challenge = err.headers?.get('www-authenticate') ?? '';
  if (/expired/i.test(challenge) || /token_expired|ExpiredAuthenticationToken/i.test(err.code)) return true;
  return /\b(?:token|credentials?|session|sign-in)\b[^.]{0,30}\bexpired\b|\bexpired (?:access )?(?:token|credentials?)\b/i.test(err.message);
}

function classify(err: ServiceError): ErrorKind {
  const { status, code, type } = err;
  const text = `${code} ${type} ${err.message}`.toLowerCase();
  if (code === 'insufficient_quota' || type === 'insufficient_quota') return 'quota';
  if (status === 429 || code === 'rate_limit_exceeded' || code === '429') return 'throttled';
  if (status === 401) return isTokenExpiry(err) ? 'authExpired' : 'authInvalid';
  if (status === 403) return 'accessDenied';
  if (code === 'context_length_exceeded' || status === 413 || /maximum context length|context window|too many tokens|prompt is too long/.test(text)) {
    return 'contextTooLong';
  }
  if (status === 408) return 'network';
  if (status !== undefined) return status === 409 || status >= 500 ? 'server' : 'invalidRequest';
  // No status: an error event inside a stream that had already started.
  return type === 'invalid_request_error' || code.startsWith('invalid') || code === 'content_filter' ? 'invalidRequest' : 'server';
}

function describe(kind: ErrorKind, err: ServiceError, ctx: WireContext, retryAfterMs: number | undefined): string {
  const said = cleanMessage(err.message || 'no details');
  const status = err.status ? ` (${err.status})` : '';
  switch (kind) {
    case 'throttled':
      return `${ctx.service} is throttling requests to ${ctx.target}${retryAfterMs !== undefined ? `; it asked to retry after ${Math.ceil(retryAfterMs / 1000)} s` : ''}: ${said}`;
    case 'quota':
      return `${ctx.service} quota is used up for ${ctx.target}: ${said}`;
    case 'authExpired':
      return `${ctx.service} rejected the access token as expired or no longer valid${status}: ${said}`;
    case 'authInvalid':
      return `${ctx.service} rejected the credentials for ${ctx.target}${status}: ${said}`;
    case 'accessDenied':
      return `${ctx.service} denied access to ${ctx.target}${status}: ${said}`;
    case 'contextTooLong':
      return `The conversation is too long for ${ctx.target}${status}: ${said}`;
    case 'server':
      return `${ctx.service} failed while serving ${ctx.target}${status}: ${said}`;
    case 'network':
      return `${ctx.service} did not answer in time${status}: ${said}`;
    default: {
      const filters = contentFilters(err.body);
      if (err.code === 'content_filter' || filters.length > 0) {
        return `${ctx.service}'s content filter blocked the request${filters.length ? ` (${filters.join(', ')})` : ''}: ${said}`;
      }
      if (err.status === 404) return `${ctx.target} was not found (404): ${said}`;
      return `${ctx.service} rejected the request to ${ctx.target}${status}: ${said}`;
    }
  }
}

function hintFor(kind: ErrorKind, err: ServiceError, ctx: WireContext) {
  const hints = ctx.hints ?? {};
  if (kind === 'invalidRequest' && err.status === 404) return hints.notFound;
  if (kind === 'invalidRequest' && err.code === 'OperationNotSupported') return hints.responsesOnly;
  if (kind === 'contextTooLong') {
    return hints.contextTooLong ?? { fix: 'Start a new conversation, or remove large attachments and tool output from this one.' };
  }
  return hints[kind];
}

function fromServiceError(err: ServiceError, ctx: WireContext, cause: unknown): ModelError {
  const kind = classify(err);
  const retryAfterMs = kind === 'throttled' || kind === 'server' ? retryAfterMsFrom(err.headers, err.message, ctx.now) : undefined;
  const hint = hintFor(kind, err, ctx);
  return new ModelError(kind, describe(kind, err, ctx, retryAfterMs), {
    provider: ctx.provider,
    retryAfterMs,
    fix: hint?.fix,
    fixCommand: hint?.fixCommand,
    status: err.status,
    requestId: err.requestId,
    cause,
  });
}

function fromApiError(e: APIError, ctx: WireContext): ModelError {
  const body = (e.error && typeof e.error === 'object' ? e.error : undefined) as Record<string, unknown> | undefined;
  const message = str(body?.message) || e.message.replace(/^\d{3}\s+/, '');
  return fromServiceError(
    {
      status: e.status,
      code: str(e.code ?? body?.code),
      type: str(e.type ?? body?.type),
      message,
      body,
      headers: e.headers,
      requestId: e.requestID ?? e.headers?.get('apim-request-id') ?? undefined,
    },
    ctx,
    e,
  );
}

function networkDetail(e: unknown): string {
  for (const c of causeChain(e)) {
    const code = str((c as { code?: unknown }).code);
    if (code === 'ECONNREFUSED') return 'the connection was refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved (check the endpoint URL and DNS)';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'the connection was closed by the other side';
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'the connection timed out';
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
      return `the TLS certificate was not trusted (${code}); behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA`;
    }
  }
  const last = causeChain(e).at(-1);
  return cleanMessage(last instanceof Error ? last.message : String(last));
}

function networkError(message: string, ctx: WireContext, cause: unknown): ModelError {
  return new ModelError('network', message, {
    provider: ctx.provider,
    fix: ctx.hints?.network?.fix ?? 'Check the network connection and proxy settings, then try again.',
    cause,
  });
}

export function cancelledError(ctx: WireContext, cause?: unknown): ModelError {
  return new ModelError('cancelled', `The request to ${ctx.target} was cancelled.`, { provider: ctx.provider, cause });
}

/** A stream that stopped before its terminal event: never a finished response. */
export function incompleteStreamError(ctx: WireContext, detail: string, cause?: unknown): ModelError {
  return networkError(`The response from ${ctx.target} ended before it finished (${detail}).`, ctx, cause);
}

/** An `error` event or a failed response inside a stream that had started. */
export function streamErrorToModelError(error: { code?: unknown; message?: unknown; type?: unknown }, ctx: WireContext): ModelError {
  const message = str(error.message) || 'the service reported an error in the stream';
  return fromServiceError({ code: str(error.code), type: str(error.type), message }, ctx, undefined);
}

export function toModelError(e: unknown, ctx: WireContext): ModelError {
  // Token providers throw ModelErrors; the SDK wraps them in OpenAIError("Failed to get token…", { cause }).
  const known = causeChain(e).find(isModelError);
  if (known) return known;
  if (causeChain(e).some(isAbortLike)) return cancelledError(ctx, e);
  if (e instanceof APIConnectionTimeoutError) return networkError(`The request to ${ctx.host} timed out.`, ctx, e);
  if (e instanceof APIConnectionError) return networkError(`Could not reach ${ctx.host}: ${networkDetail(e)}.`, ctx, e);
  if (e instanceof APIError) return fromApiError(e, ctx);
  const incomplete = causeChain(e).find((c): c is IncompleteStreamError => c instanceof IncompleteStreamError);
  if (incomplete) return incompleteStreamError(ctx, incomplete.message, e);
  // undici fails a body read with TypeError('terminated') when the socket closes mid-response.
  if (e instanceof TypeError && (e.message === 'terminated' || causeChain(e).length > 1)) {
    return incompleteStreamError(ctx, networkDetail(e), e);
  }
  if (e instanceof SyntaxError) return new ModelError('server', `${ctx.service} sent a malformed stream event: ${cleanMessage(e.message)}`, { provider: ctx.provider, cause: e });
  const text = e instanceof Error ? e.message : String(e);
  return new ModelError('internal', `Unexpected failure calling ${ctx.target}: ${cleanMessage(text)}`, { provider: ctx.provider, cause: e });
}
