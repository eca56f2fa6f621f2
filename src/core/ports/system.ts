// Small ports for what the engine would otherwise take from globals: time, ids, hashing, logging, secrets.
import type { AbortSignalLike } from './cancellation';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it is aborted first. */
  sleep(ms: number, signal?: AbortSignalLike): Promise<void>;
}

export interface IdSource {
  /** A new unique id with a readable prefix, e.g. `thr_…`, `turn_…`. */
  next(prefix: string): string;
}

export interface Hasher {
  sha256Hex(data: string | Uint8Array): string;
  /** HMAC-SHA-256 with a hex key (the audit log's key). */
  hmacSha256Hex(keyHex: string, data: string): string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Every implementation redacts secrets (see redact.ts) before writing anything. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Where keys and tokens come from in the editor: VS Code's SecretStorage and Microsoft sign-in. */
export interface SecretSource {
  getSecret(secretId: string): Promise<string | undefined>;
  getAccessToken(scopes: string[], tenantId?: string): Promise<{ token: string; expiresAt: number; account?: string }>;
}
