// Checks an audit log and reports the FIRST problem, precisely: which line, which record, what is
// wrong, in words a reviewer can act on. Problems, in the order they are checked on each line:
// - unparseable line / truncated last line: not a record at all (a last line cut off mid-write);
// - hash mismatch: the record's content was edited after it was written;
// - broken chain: the record does not follow from the one before it (one was removed, reordered,
//   replaced, or the log starts late);
// - sequence gap: the chain links but sequence numbers jump (a writer fault);
// - records missing at the end: the log is shorter than its head anchor says (AuditHeadStore);
// - with the audit key: a record that is not keyed (v1) or whose HMAC does not match, and a head file
//   whose MAC does not match — a log and head rewritten by someone without the key;
// - without the key: keyed records cannot be checked (the key lives with the user, not with the log).
import type { Hasher } from '../ports/system';
import { GENESIS_HASH, headMac, parseAuditLine, recordHash } from './record';
import type { AuditHead, AuditRecord } from './types';

export type AuditProblem =
  | 'hash mismatch'
  | 'broken chain (record missing or reordered)'
  | 'sequence gap'
  | 'unparseable line'
  | 'truncated last line'
  | 'records missing at the end'
  | 'not authenticated'
  | 'key needed';

export type AuditVerification =
  | { ok: true; records: number; last?: AuditHead }
  | {
      ok: false;
      /** 1-based line of the log where the problem is (one past the end for records missing there). */
      line: number;
      /** The record the problem is about, when known. */
      seq?: number;
      problem: AuditProblem;
      message: string;
      /** Records verified before the problem. */
      records: number;
    };

export interface VerifyOptions {
  /** The head anchor, when one was kept: detects records removed from the end. */
  head?: AuditHead;
  /**
   * False when the text did not end with a newline, so its last line was cut off. Undefined (lines
   * given without the text): an unparseable last line is taken to be a truncated one.
   */
  endsWithNewline?: boolean;
  /** The audit key (hex): every record must be keyed (v2) and match it, and so must the head. */
  key?: string;
}

function range(from: number, to: number): string {
  return from === to ? `record ${from} is` : `records ${from}–${to} are`;
}

/** Why `r` (on `lineNo`) does not follow from `prev`: removed, reordered, duplicated or replaced. */
function describeBrokenChain(lines: string[], index: number, r: AuditRecord, prev: AuditRecord | undefined): string {
  const lineNo = index + 1;
  const expectedSeq = (prev?.seq ?? 0) + 1;
  for (let j = index + 1; j < lines.length; j++) {
    const later = parseAuditLine(lines[j]!);
    if (later.ok && later.record.hash === r.prevHash) {
      return `line ${lineNo} holds record ${r.seq}, but the record it follows (${later.record.seq}) comes later, at line ${j + 1}: records were reordered`;
    }
  }
  if (!prev) return r.seq > 1 ? `the log starts at record ${r.seq}: ${range(1, r.seq - 1)} missing from its beginning` : `line 1 (record 1) does not start a chain: it was replaced or comes from another log`;
  if (r.seq > expectedSeq) return `${range(expectedSeq, r.seq - 1)} missing before line ${lineNo} (which holds record ${r.seq}; line ${lineNo - 1} holds record ${prev.seq})`;
  if (r.seq < expectedSeq) return `line ${lineNo} holds record ${r.seq} after record ${prev.seq}: records were duplicated or reordered`;
  return `line ${lineNo} (record ${r.seq}) does not follow from line ${lineNo - 1} (record ${prev.seq}): a record was replaced or the log was spliced from another one`;
}

export function verifyAuditLog(input: readonly string[], hasher: Hasher, options: VerifyOptions = {}): AuditVerification {
  const lines = [...input];
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let prev: AuditRecord | undefined;
  let count = 0;
  const verified = new Map<number, { line: number; hash: string }>();
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const parsed = parseAuditLine(lines[i]!);
    if (!parsed.ok) {
      const isLast = i === lines.length - 1;
      if (isLast && options.endsWithNewline !== true) {
        return { ok: false, line: lineNo, problem: 'truncated last line', message: `the last line (${lineNo}) is cut off: ${parsed.reason}; the record being written there was lost`, records: count };
      }
      return { ok: false, line: lineNo, problem: 'unparseable line', message: `line ${lineNo} is not an audit record: ${parsed.reason}`, records: count };
    }
    const r = parsed.record;
    if (options.key && r.v !== 2) {
      return { ok: false, line: lineNo, seq: r.seq, problem: 'not authenticated', message: `record ${r.seq} on line ${lineNo} is not keyed with the audit key: this log was rewritten by someone without the key (or written before Crosswind keyed its audit log; check such a log with --unkeyed)`, records: count };
    }
    if (!options.key && r.v === 2) {
      return { ok: false, line: lineNo, seq: r.seq, problem: 'key needed', message: `record ${r.seq} on line ${lineNo} is keyed, and the audit key is not available here: verify the log as the user who wrote it`, records: count };
    }
    if (recordHash(r, hasher, options.key) !== r.hash) {
      return { ok: false, line: lineNo, seq: r.seq, problem: 'hash mismatch', message: `record ${r.seq} on line ${lineNo} was altered after it was written: its hash does not match its content`, records: count };
    }
    if (r.prevHash !== (prev?.hash ?? GENESIS_HASH)) {
      return { ok: false, line: lineNo, seq: r.seq, problem: 'broken chain (record missing or reordered)', message: describeBrokenChain(lines, i, r, prev), records: count };
    }
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (r.seq !== expectedSeq) {
      return { ok: false, line: lineNo, seq: r.seq, problem: 'sequence gap', message: `line ${lineNo} holds record ${r.seq} where record ${expectedSeq} was expected, though its hash chain is intact: the writer skipped sequence numbers`, records: count };
    }
    prev = r;
    count++;
    verified.set(r.seq, { line: lineNo, hash: r.hash });
  }
  const head = options.head;
  if (head) {
    const lastSeq = prev?.seq ?? 0;
    if (lastSeq < head.seq) {
      return {
        ok: false,
        line: lines.length + 1,
        seq: lastSeq + 1,
        problem: 'records missing at the end',
        message: `${range(lastSeq + 1, head.seq)} missing from the end of the log: it ends with record ${lastSeq}, but the head file says record ${head.seq} was written`,
        records: count,
      };
    }
    if (options.key && head.mac !== headMac({ seq: head.seq, hash: head.hash }, hasher, options.key)) {
      return { ok: false, line: lines.length + 1, seq: head.seq, problem: 'not authenticated', message: `the head file was not written with the audit key: it was rewritten, so records may have been removed from the end`, records: count };
    }
    const anchored = verified.get(head.seq);
    if (anchored && anchored.hash !== head.hash) {
      return { ok: false, line: anchored.line, seq: head.seq, problem: 'hash mismatch', message: `record ${head.seq} on line ${anchored.line} is not the one the head file recorded: the log was rewritten from there on`, records: count };
    }
  }
  return { ok: true, records: count, last: prev ? { seq: prev.seq, hash: prev.hash } : undefined };
}

/** The log as file text: a last line without its newline was cut off mid-write. */
export function verifyAuditText(text: string, hasher: Hasher, options: Omit<VerifyOptions, 'endsWithNewline'> = {}): AuditVerification {
  if (text === '') return verifyAuditLog([], hasher, options);
  return verifyAuditLog(text.split('\n'), hasher, { ...options, endsWithNewline: text.endsWith('\n') });
}
