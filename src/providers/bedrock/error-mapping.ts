// Every failure of the Bedrock adapter → one typed ModelError with a message the user can act on.
// Inputs are AWS service exceptions (HTTP and in-stream), credential-provider errors, Node network
// errors and aborts. Nothing here ever copies a key, token or secret into a message.
import { ModelError } from '../../core/model/errors';
import { type ErrorKind } from '../../protocol';
import { redactSecrets } from '../../shared';
import { geoPrefixOf } from '../../core/cost/model-id';
import { defaultGeoPrefix, isArn } from './inference-profiles';

export interface ErrorContext {
  modelId?: string;
  region?: string;
  /** The AWS profile in use (chain auth), for the fix commands. */
  awsProfile?: string;
  /** The profile signs in through IAM Identity Center. */
  sso?: boolean;
  auth?: 'chain' | 'apiKey';
  /** The caller's signal was aborted: any failure is then a cancellation. */
  aborted?: boolean;
}

interface AwsErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { headers?: Record<string, string | undefined> };
  originalMessage?: string;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_SESSION_ERROR', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_STREAM_CANCEL', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);
const NETWORK_MESSAGES = /socket hang up|aborted|network|timed out|ECONNRESET|premature close|HTTP\/2 stream|http2 request did not get a response/i;
const AUTH_INVALID = new Set(['UnrecognizedClientException', 'InvalidSignatureException', 'IncompleteSignature', 'IncompleteSignatureException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'MissingAuthenticationToken', 'MissingAuthenticationTokenException', 'AuthFailure', 'InvalidAccessKeyId']);
const AUTH_EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const SERVER = new Set(['InternalServerException', 'ServiceUnavailableException', 'ModelNotReadyException', 'ModelTimeoutException', 'ModelStreamErrorException', 'ModelErrorException', 'InternalFailure', 'ServiceUnavailable']);
const CONTEXT_TOO_LONG = /too long|too many (input )?tokens|context (length|window)|prompt is too long|input length|maximum context|exceeds? the (model's )?max(imum)? (number of )?(input )?tokens/i;

/** Retry-After in milliseconds: seconds or an HTTP date. */
export function retryAfterMs(headers: Record<string, string | undefined> | undefined, now = Date.now()): number | undefined {
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'] ?? headers?.['x-amzn-retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function ssoLogin(ctx: ErrorContext): string {
  return ctx.awsProfile ? `aws sso login --profile ${ctx.awsProfile}` : 'aws sso login';
}

function where(ctx: ErrorContext): string {
  const model = ctx.modelId ? ` ${ctx.modelId}` : '';
  const region = ctx.region ? ` in ${ctx.region}` : '';
  return `${model}${region}`;
}

function credentialError(message: string, ctx: ErrorContext, cause: unknown): ModelError {
  const details = { provider: 'bedrock' as const, cause };
  const profile = ctx.awsProfile ?? 'default';
  if (/\bsso\b|sso session|sso token/i.test(message)) {
    const fix = ssoLogin(ctx);
    return new ModelError('authExpired', `The AWS SSO session for profile ${profile} has expired or was never started.`, { ...details, fix: `Run \`${fix}\` and try again.`, fixCommand: fix });
  }
  if (/aws login/i.test(message)) {
    const fix = ctx.awsProfile ? `aws login --profile ${ctx.awsProfile}` : 'aws login';
    return new ModelError('authExpired', `The AWS console sign-in session for profile ${profile} has expired.`, { ...details, fix: `Run \`${fix}\` and try again.`, fixCommand: fix });
  }
  if (/credential_process/i.test(message)) {
    return new ModelError('authInvalid', `The credential_process of AWS profile ${profile} failed: ${redactSecrets(message)}`, { ...details, fix: 'Run the credential_process command of that profile in a terminal to see why it fails.' });
  }
  if (/could not resolve credentials using profile|could not be found|not found in/i.test(message)) {
    return new ModelError('configuration', `The AWS profile ${profile} was not found, or it holds no credentials.`, {
      ...details,
      fix: 'Check the profile name against ~/.aws/config and ~/.aws/credentials (`aws configure list-profiles`).',
    });
  }
  return new ModelError('configuration', `No AWS credentials were found (${redactSecrets(message)}).`, {
    ...details,
    fix: 'Choose an AWS profile (aws configure / aws configure sso), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or use a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK).',
  });
}

function serviceError(e: AwsErrorLike, ctx: ErrorContext): ModelError {
  const name = e.name ?? e.code ?? 'UnknownError';
  const status = e.$metadata?.httpStatusCode;
  const serviceMessage = redactSecrets(e.originalMessage ? `${e.message ?? ''} ${e.originalMessage}`.trim() : (e.message ?? name));
  const details = { provider: 'bedrock' as const, status, requestId: e.$metadata?.requestId, cause: e };
  const make = (kind: ErrorKind, message: string, extra: { fix?: string; fixCommand?: string; retryAfterMs?: number } = {}) =>
    new ModelError(kind, message, { ...details, ...extra });

  if (name === 'ThrottlingException' || name === 'TooManyRequestsException' || name === 'Throttling') {
    return make('throttled', `Amazon Bedrock is throttling requests for${where(ctx)}: ${serviceMessage}`, { retryAfterMs: retryAfterMs(e.$response?.headers) });
  }
  if (name === 'ServiceQuotaExceededException') {
    return make('quota', `A Bedrock service quota was exceeded for${where(ctx)}: ${serviceMessage}`, {
      fix: `Request a higher quota for Amazon Bedrock in Service Quotas (${ctx.region ?? 'this region'}), or use another region or model.`,
    });
  }
  if (AUTH_EXPIRED.has(name) || /security token included in the request is expired|token has expired/i.test(serviceMessage)) {
    if (ctx.sso) {
      const fix = ssoLogin(ctx);
      return make('authExpired', `The AWS credentials of profile ${ctx.awsProfile ?? 'default'} have expired.`, { fix: `Run \`${fix}\` and try again.`, fixCommand: fix });
    }
    return make('authExpired', `The AWS credentials have expired: ${serviceMessage}`, { fix: 'Refresh your AWS credentials (sign in again or renew the session token) and try again.' });
  }
  if (name === 'AccessDeniedException' && /api key|authentication failed|bearer/i.test(serviceMessage)) {
    const expired = /expired/i.test(serviceMessage);
    return make(expired ? 'authExpired' : 'authInvalid', `Amazon Bedrock refused the API key: ${serviceMessage}`, {
      fix: 'Create a new Bedrock API key in the Amazon Bedrock console (API keys) for this region and store it again.',
    });
  }
  if (AUTH_INVALID.has(name)) {
    const fix = ctx.auth === 'apiKey'
      ? 'Check the Bedrock API key.'
      : `Check the access key and secret of ${ctx.awsProfile ? `AWS profile ${ctx.awsProfile}` : 'your AWS credentials'} (\`aws sts get-caller-identity\`).`;
    return make('authInvalid', `AWS rejected the credentials: ${serviceMessage}`, { fix });
  }
  if (name === 'AccessDeniedException') {
    return make('accessDenied', `Access denied to${where(ctx) || ' the model'}: ${serviceMessage}`, {
      fix: `Enable access to this model in the Amazon Bedrock console (Model access) for ${ctx.region ?? 'your region'}, and make sure your IAM policy allows bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the model and its inference profile.`,
    });
  }
  if (name === 'ResourceNotFoundException') {
    return make('invalidRequest', `Model${where(ctx)} was not found: ${serviceMessage}`, {
      fix: `Check the model id: \`crosswind models --provider bedrock --region ${ctx.region ?? '<region>'}\` lists the models you can use there.`,
    });
  }
  if (name === 'ValidationException' || name === 'ValidationError') {
    if (CONTEXT_TOO_LONG.test(serviceMessage)) {
      return make('contextTooLong', `The conversation is too long for${where(ctx) || ' the model'}: ${serviceMessage}`, { fix: 'Start a new conversation or compact this one.' });
    }
    if (/on-demand throughput|inference profile/i.test(serviceMessage) && ctx.modelId) {
      const prefix = ctx.region ? defaultGeoPrefix(ctx.region) : undefined;
      const suggestion = prefix && !geoPrefixOf(ctx.modelId) && !isArn(ctx.modelId) ? `${prefix}.${ctx.modelId}` : undefined;
      return make('invalidRequest', `Model ${ctx.modelId} must be called through an inference profile${ctx.region ? ` in ${ctx.region}` : ''}: ${serviceMessage}`, {
        fix: suggestion ? `Use the model id ${suggestion}.` : 'Use an inference profile id for this model (see `crosswind models --provider bedrock`).',
      });
    }
    return make('invalidRequest', `Amazon Bedrock rejected the request: ${serviceMessage}`);
  }
  if (SERVER.has(name) || e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return make('server', `Amazon Bedrock had a server error${where(ctx) ? ` for${where(ctx)}` : ''}: ${serviceMessage}`);
  }
  if (status === 429) return make('throttled', `Amazon Bedrock is throttling requests for${where(ctx)}: ${serviceMessage}`, { retryAfterMs: retryAfterMs(e.$response?.headers) });
  if (status === 401) return make('authInvalid', `AWS rejected the credentials: ${serviceMessage}`);
  if (status === 403) return make('accessDenied', `Access denied: ${serviceMessage}`);
  return make('invalidRequest', `Amazon Bedrock rejected the request (${name}): ${serviceMessage}`);
}

export function toModelError(error: unknown, ctx: ErrorContext = {}): ModelError {
  if (error instanceof ModelError) return error;
  const e = (error ?? {}) as AwsErrorLike;
  const name = e.name ?? '';
  if (ctx.aborted || name === 'AbortError') {
    return new ModelError('cancelled', 'The request to Amazon Bedrock was cancelled.', { provider: 'bedrock', cause: error });
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /credential_process/.test(e.message ?? '')) {
    return credentialError(e.message ?? name, ctx, error);
  }
  if (e.$metadata?.httpStatusCode !== undefined || e.$fault !== undefined || /Exception$/.test(name) || AUTH_INVALID.has(name) || AUTH_EXPIRED.has(name)) {
    return serviceError(e, ctx);
  }
  if (NETWORK_CODES.has(e.code ?? '') || name === 'TimeoutError' || NETWORK_MESSAGES.test(e.message ?? '')) {
    return new ModelError('network', `The connection to Amazon Bedrock failed: ${redactSecrets(e.message ?? e.code ?? name)}`, {
      provider: 'bedrock',
      cause: error,
      fix: 'Check your network, proxy (http.proxy / HTTPS_PROXY) and endpoint settings.',
    });
  }
  return new ModelError('internal', `Unexpected error from the Bedrock adapter: ${redactSecrets(e.message ?? String(error))}`, { provider: 'bedrock', cause: error });
}
