// The audit log: every event becomes a record {v, seq, at, prevHash, event, hash} appended to the sink,
// each carrying the previous record's hash, so editing, reordering or removing a record breaks the
// chain (verify.ts). Events pass through redactValue before anything is hashed or written: no secret
// reaches the log, whichever field it hides in.
//
// Records are written one at a time through a promise queue, so concurrent record() calls can never
// share a seq or a prevHash. After a restart the chain continues from the sink's last line.
//
// Fail closed: if the log's end is damaged (an unparseable last line) or shorter than its head anchor
// says, record() rejects instead of starting a chain that would hide the damage. The engine should
// surface that error; `crosswind audit verify` says what is wrong.
//
// Keyed (v2): with the audit key — in SecretStorage for the editor, in a 0600 file outside any workspace
// and out of the command sandbox's sight for the CLI — each hash is an HMAC, and so is the head anchor.
// Whoever can write the log but does not hold the key (an agent's command, say) cannot rewrite a record,
// the chain after it, or the head so that verification passes. A log written before keys were used is
// moved aside (sink.startNew) rather than continued: a keyed log holds keyed records only, so a log
// rewritten as unkeyed records is caught too.
import { redactValue } from '../../shared';
import type { Clock, Hasher } from '../ports/system';
import { GENESIS_HASH, headMac, parseAuditLine, recordHash, recordLine } from './record';
import type { AuditEvent, AuditHead, AuditHeadStore, AuditLog, AuditRecord, AuditSink } from './types';

export class AuditLogDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditLogDamagedError';
  }
}

export interface HashChainAuditLogOptions {
  sink: AuditSink;
  hasher: Hasher;
  clock: Pick<Clock, 'now'>;
  /** Where the newest seq/hash is kept outside the log; without it, a cut at the end goes unseen. */
  head?: AuditHeadStore;
  /** Named in error messages ("run crosswind audit verify <where>"). */
  where?: string;
  /** The audit key (hex), fetched once on the first record; undefined = unkeyed (v1) records. */
  key?: () => Promise<string | undefined>;
}

export class HashChainAuditLog implements AuditLog {
  private last: AuditHead | undefined;
  private loaded = false;
  private keyHex: Promise<string | undefined> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: HashChainAuditLogOptions) {}

  record(event: AuditEvent): Promise<void> {
    const write = this.queue.then(() => this.append(event));
    // A failed write rejects its caller but must not jam the records queued behind it.
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async append(event: AuditEvent): Promise<void> {
    const key = await (this.keyHex ??= this.options.key?.() ?? Promise.resolve(undefined));
    const previous = await this.tip(key);
    const unsigned = {
      v: key ? (2 as const) : (1 as const),
      seq: (previous?.seq ?? 0) + 1,
      at: this.options.clock.now(),
      prevHash: previous?.hash ?? GENESIS_HASH,
      event: redactValue(event),
    };
    const record: AuditRecord = { ...unsigned, hash: recordHash(unsigned, this.options.hasher, key) };
    try {
      await this.options.sink.appendLine(recordLine(record));
    } catch (e) {
      // The line may be half written: read the log's end again before the next record.
      this.loaded = false;
      throw e;
    }
    this.last = { seq: record.seq, hash: record.hash };
    await this.options.head?.write(key ? { ...this.last, mac: headMac(this.last, this.options.hasher, key) } : this.last);
  }

  /** The newest record, read from the sink once; later ones are tracked in memory. */
  private async tip(key: string | undefined): Promise<AuditHead | undefined> {
    if (this.loaded) return this.last;
    let line = await this.options.sink.lastLine();
    const lastRecord = line !== undefined && line.trim() !== '' ? parseAuditLine(line) : undefined;
    if (key && lastRecord?.ok && lastRecord.record.v === 1 && this.options.sink.startNew) {
      // An unkeyed log is not continued with keyed records: it is kept as it is, beside the new one.
      await this.options.sink.startNew();
      line = undefined;
    }
    const verifyHint = `Run \`crosswind audit verify${this.options.where ? ` ${this.options.where}` : ''}\` to see what is wrong, then move the damaged log aside to start a new one.`;
    let last: AuditHead | undefined;
    if (line !== undefined && line.trim() !== '') {
      const parsed = parseAuditLine(line);
      if (!parsed.ok) throw new AuditLogDamagedError(`The audit log's last record is damaged (${parsed.reason}); new records would not chain to it. ${verifyHint}`);
      last = { seq: parsed.record.seq, hash: parsed.record.hash };
    }
    const anchored = await this.options.head?.read();
    if (anchored && (!last || last.seq < anchored.seq)) {
      throw new AuditLogDamagedError(
        `The audit log ends at record ${last?.seq ?? 0}, but record ${anchored.seq} was written: records were removed from its end. ${verifyHint}`,
      );
    }
    this.last = last;
    this.loaded = true;
    return last;
  }
}
