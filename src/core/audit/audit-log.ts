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
import { redactValue } from '../../protocol';
import type { Clock, Hasher } from '../ports/system';
import { GENESIS_HASH, parseAuditLine, recordHash, recordLine } from './record';
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
}

export class HashChainAuditLog implements AuditLog {
  private last: AuditHead | undefined;
  private loaded = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: HashChainAuditLogOptions) {}

  record(event: AuditEvent): Promise<void> {
    const write = this.queue.then(() => this.append(event));
    // A failed write rejects its caller but must not jam the records queued behind it.
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async append(event: AuditEvent): Promise<void> {
    const previous = await this.tip();
    const unsigned = {
      v: 1 as const,
      seq: (previous?.seq ?? 0) + 1,
      at: this.options.clock.now(),
      prevHash: previous?.hash ?? GENESIS_HASH,
      event: redactValue(event),
    };
    const record: AuditRecord = { ...unsigned, hash: recordHash(unsigned, this.options.hasher) };
    try {
      await this.options.sink.appendLine(recordLine(record));
    } catch (e) {
      // The line may be half written: read the log's end again before the next record.
      this.loaded = false;
      throw e;
    }
    this.last = { seq: record.seq, hash: record.hash };
    await this.options.head?.write(this.last);
  }

  /** The newest record, read from the sink once; later ones are tracked in memory. */
  private async tip(): Promise<AuditHead | undefined> {
    if (this.loaded) return this.last;
    const line = await this.options.sink.lastLine();
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
