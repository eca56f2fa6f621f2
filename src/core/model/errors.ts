// Typed model failures. Adapters map each cloud's errors onto these kinds; the loop decides from the kind
// whether to retry, fail over to another provider, or stop and tell the user.
import type { ErrorInfo, ErrorKind, ProviderKind } from '../../protocol';

export interface ModelErrorDetails {
  provider?: ProviderKind;
  retryAfterMs?: number;
  fix?: string;
  fixCommand?: string;
  status?: number;
  requestId?: string;
  cause?: unknown;
}

export class ModelError extends Error {
  readonly kind: ErrorKind;
  readonly provider?: ProviderKind;
  readonly retryAfterMs?: number;
  readonly fix?: string;
  readonly fixCommand?: string;
  readonly status?: number;
  readonly requestId?: string;

  constructor(kind: ErrorKind, message: string, details: ModelErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ModelError';
    this.kind = kind;
    this.provider = details.provider;
    this.retryAfterMs = details.retryAfterMs;
    this.fix = details.fix;
    this.fixCommand = details.fixCommand;
    this.status = details.status;
    this.requestId = details.requestId;
  }

  /** Worth trying the same provider again after a pause. */
  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'server' || this.kind === 'network';
  }

  /** Worth continuing on a fallback provider once retries are spent. Never on auth or validation errors. */
  get failoverable(): boolean {
    return this.kind === 'throttled' || this.kind === 'server' || this.kind === 'network' || this.kind === 'quota';
  }

  toInfo(): ErrorInfo {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.fix ? { fix: this.fix } : {}),
      ...(this.fixCommand ? { fixCommand: this.fixCommand } : {}),
      ...(this.provider ? { provider: this.provider } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      ...(this.requestId ? { requestId: this.requestId } : {}),
    };
  }
}

export function isModelError(e: unknown): e is ModelError {
  return e instanceof ModelError;
}
