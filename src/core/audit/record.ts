// The audit record's format, shared by the writer (audit-log.ts) and the checker (verify.ts), so both
// hash exactly the same bytes.
import type { Hasher } from '../ports/system';
import { canonicalJson } from './canonical-json';
import type { AuditRecord } from './types';

/** prevHash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The record's hash over the canonical JSON of everything but itself: v1 (unkeyed) SHA-256, which anyone
 * who can write the file can recompute after an edit; v2 HMAC-SHA-256 with the audit key, which only the
 * holder of the key can.
 */
export function recordHash(record: Omit<AuditRecord, 'hash'>, hasher: Hasher, keyHex?: string): string {
  const { v, seq, at, prevHash, event } = record;
  const text = canonicalJson({ v, seq, at, prevHash, event });
  if (v === 2) {
    if (!keyHex) throw new Error('a keyed audit record needs the audit key');
    return hasher.hmacSha256Hex(keyHex, text);
  }
  return hasher.sha256Hex(text);
}

/** The head anchor's MAC: binds seq and hash, so a head rewritten without the key is detected. */
export function headMac(head: { seq: number; hash: string }, hasher: Hasher, keyHex: string): string {
  return hasher.hmacSha256Hex(keyHex, `crosswind-audit-head:${head.seq}:${head.hash}`);
}

/** The line written to the log: the record's canonical JSON (no newline). */
export function recordLine(record: AuditRecord): string {
  return canonicalJson(record);
}

export type ParsedLine = { ok: true; record: AuditRecord } | { ok: false; reason: string };

/** Parses one log line and checks it has the shape of a record (not that its hash is right). */
export function parseAuditLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { ok: false, reason: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const r = value as Record<string, unknown>;
  if (r.v !== 1 && r.v !== 2) return { ok: false, reason: `unknown record version ${JSON.stringify(r.v)}` };
  if (!Number.isSafeInteger(r.seq) || (r.seq as number) < 1) return { ok: false, reason: 'seq is not a positive integer' };
  if (typeof r.at !== 'number' || !Number.isFinite(r.at)) return { ok: false, reason: 'at is not a time' };
  if (typeof r.prevHash !== 'string' || !HEX64.test(r.prevHash)) return { ok: false, reason: 'prevHash is not a SHA-256 hex digest' };
  if (typeof r.hash !== 'string' || !HEX64.test(r.hash)) return { ok: false, reason: 'hash is not a SHA-256 hex digest' };
  if (!r.event || typeof r.event !== 'object' || typeof (r.event as { type?: unknown }).type !== 'string') return { ok: false, reason: 'event has no type' };
  return { ok: true, record: value as AuditRecord };
}

/**
 * SHA-256 of a tool call's arguments, as canonical JSON, so the log proves which arguments were used
 * without holding them (they may contain secrets or private code). Raw JSON text is parsed first, so
 * whitespace and key order do not change the digest; text that is not JSON is hashed as given.
 */
export function digestArguments(args: unknown, hasher: Hasher): string {
  if (typeof args === 'string') {
    try {
      return hasher.sha256Hex(canonicalJson(JSON.parse(args)));
    } catch {
      return hasher.sha256Hex(args);
    }
  }
  return hasher.sha256Hex(canonicalJson(args));
}
