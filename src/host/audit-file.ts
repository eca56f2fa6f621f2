// The audit log on disk: a JSONL file (0600, O_APPEND, fsynced after every record) and, beside it, a
// small head file `<log>.head` holding the newest record's seq and hash. The head is what lets
// `crosswind audit verify` see records removed from the END of the log, which a hash chain alone cannot
// (every remaining record still links). It is replaced atomically (write, fsync, rename).
//
// The head is local, like the log. Unkeyed, someone who can rewrite both can hide a cut; keyed (the
// audit key, outside the log's folder and out of the command sandbox's sight), the head carries a MAC
// and a rewritten head is detected too. Someone holding the key (the user's own account, outside the
// sandbox) can still rewrite both: for that, ship the log off the machine.
//
// Only one process writes a given log at a time (SingleWriterLock, `<log>.lock`): two writers would
// fork the chain. Call close() when done; the lock is also dropped when the process exits.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AuditHead, AuditHeadStore, AuditSink } from '../core/audit/types';
import { appendLines, readTextIfExists } from './append-file';
import { SingleWriterLock } from './single-writer-lock';

const CHUNK = 64 * 1024;

export function auditHeadPath(auditLogPath: string): string {
  return `${auditLogPath}.head`;
}

/** The last non-empty line of a file (a partial one if the file does not end with a newline). */
async function readLastLine(file: string): Promise<string | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const { size } = await handle.stat();
    let end = size;
    let tail = Buffer.alloc(0);
    // Read backwards a chunk at a time until the tail holds a newline before some content.
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const chunk = Buffer.alloc(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      tail = Buffer.concat([chunk, tail]);
      end = start;
      const text = tail.toString('utf8').replace(/\n+$/, '');
      if (text.includes('\n') || end === 0) {
        const line = text.slice(text.lastIndexOf('\n') + 1);
        return line === '' ? undefined : line;
      }
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

export class FileAuditSink implements AuditSink {
  private readonly lock: SingleWriterLock;

  constructor(readonly path: string) {
    this.lock = new SingleWriterLock(`${path}.lock`, `The audit log ${path}`);
  }

  async lastLine(): Promise<string | undefined> {
    await this.lock.acquire();
    return readLastLine(this.path);
  }

  async appendLine(line: string): Promise<void> {
    if (line.includes('\n')) throw new Error('An audit record must be a single line');
    await this.lock.acquire();
    await appendLines(this.path, line + '\n', { sync: true });
  }

  async startNew(): Promise<string> {
    await this.lock.acquire();
    const aside = `${this.path}.unkeyed-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await fs.rename(this.path, aside);
    await fs.rename(auditHeadPath(this.path), auditHeadPath(aside)).catch(() => undefined);
    return aside;
  }

  /** Lets another process write the log. */
  close(): void {
    this.lock.releaseSync();
  }
}

export class FileAuditHead implements AuditHeadStore {
  constructor(readonly path: string) {}

  async read(): Promise<AuditHead | undefined> {
    const text = await readTextIfExists(this.path);
    if (text === undefined) return undefined;
    let head: unknown;
    try {
      head = JSON.parse(text);
    } catch {
      head = undefined;
    }
    const h = head as Partial<AuditHead> | undefined;
    if (!h || !Number.isSafeInteger(h.seq) || typeof h.hash !== 'string' || !/^[0-9a-f]{64}$/.test(h.hash) || (h.mac !== undefined && typeof h.mac !== 'string')) {
      throw new Error(`The audit head file ${this.path} is damaged; it should hold {"seq": n, "hash": "<sha256>"}`);
    }
    return { seq: h.seq!, hash: h.hash, ...(h.mac ? { mac: h.mac } : {}) };
  }

  async write(head: AuditHead): Promise<void> {
    await fs.mkdir(path.dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify({ seq: head.seq, hash: head.hash, ...(head.mac ? { mac: head.mac } : {}) }) + '\n', 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.path);
  }
}
