// File contents by SHA-256 (objects/ab/cdef…), written once: temporary file, fsync, rename. A blob that
// is already there is not written again, so a checkpoint costs only the files that changed since the last.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const SHA = /^[0-9a-f]{64}$/;

export class BlobStore {
  constructor(private readonly dir: string) {}

  private file(sha256: string): string {
    if (!SHA.test(sha256)) throw new Error(`Not a SHA-256: '${sha256.slice(0, 70)}'`);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2));
  }

  async has(sha256: string): Promise<boolean> {
    return fs.access(this.file(sha256)).then(
      () => true,
      () => false,
    );
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const target = this.file(sha256);
    if (await this.has(sha256)) return;
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  }

  /** The bytes, checked against their hash: a damaged blob is an error, never restored. */
  async get(sha256: string): Promise<Uint8Array> {
    const bytes = await fs.readFile(this.file(sha256));
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error(`The checkpoint store's copy of a file (${sha256.slice(0, 12)}) is damaged.`);
    return bytes;
  }

  /** Removes every blob not in `keep`; returns how many were removed. */
  async collect(keep: ReadonlySet<string>): Promise<number> {
    let removed = 0;
    const prefixes = await fs.readdir(this.dir).catch(() => [] as string[]);
    for (const prefix of prefixes) {
      const names = await fs.readdir(path.join(this.dir, prefix)).catch(() => [] as string[]);
      for (const name of names) {
        if (keep.has(prefix + name)) continue;
        await fs.rm(path.join(this.dir, prefix, name), { force: true });
        removed++;
      }
    }
    return removed;
  }
}
