// Threads on disk: one append-only JSONL file per thread (<dir>/<threadId>.jsonl). Records are appended
// with O_APPEND and fsynced, so a crash loses at most the line being written — and a torn last line is
// skipped on read, never fatal. Secrets are redacted before anything is written.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ThreadRecord, ThreadStore } from '../core/threads/records';
import { redactValue } from '../shared';

const ID = /^[A-Za-z0-9_-]{1,200}$/;

export class JsonlThreadStore implements ThreadStore {
  constructor(private readonly dir: string) {}

  private file(threadId: string): string {
    // Ids come from our own engine, but a resumed id arrives from the front end: never a path.
    if (!ID.test(threadId)) throw new Error(`Invalid thread id '${threadId.slice(0, 40)}'`);
    return path.join(this.dir, `${threadId}.jsonl`);
  }

  async append(threadId: string, records: ThreadRecord[]): Promise<void> {
    if (!records.length) return;
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const handle = await fs.open(this.file(threadId), 'a', 0o600);
    try {
      // Redacted: a key the model echoed or an error quoted never reaches the disk.
      await handle.appendFile(records.map((r) => JSON.stringify(redactValue(r))).join('\n') + '\n', 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async read(threadId: string): Promise<ThreadRecord[]> {
    let text: string;
    try {
      text = await fs.readFile(this.file(threadId), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: ThreadRecord[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as ThreadRecord);
      } catch {
        // A line torn by a crash mid-write: everything before it is intact.
      }
    }
    return out;
  }

  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const files = await Promise.all(
      names
        .filter((n) => n.endsWith('.jsonl'))
        .map(async (n) => ({ id: n.slice(0, -6), mtime: (await fs.stat(path.join(this.dir, n))).mtimeMs })),
    );
    return files.sort((a, b) => b.mtime - a.mtime).map((f) => f.id);
  }
}
