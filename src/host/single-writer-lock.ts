// One writer per file across processes: a hash chain written by two processes at once forks (both read
// record N, both write N+1), and `audit verify` would then report tampering that never happened. Two
// `crosswind exec` runs sharing the default state folder (a CI matrix on one runner) are the real case.
//
// The lock is `<file>.lock` created with O_EXCL, holding the owner's pid. A lock whose process is gone
// (a crash) is taken over. Within one process the lock is shared: the process must use one writer per
// file, which the engine does.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { readTextIfExists } from './append-file';

/** Locks this process holds, removed when it exits (one listener for all of them). */
const held = new Set<string>();
let exitHookInstalled = false;

function removeHeldOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const lockPath of held) fs.rmSync(lockPath, { force: true });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SingleWriterLock {
  private held = false;

  constructor(
    readonly lockPath: string,
    /** Named in the error, e.g. "The audit log /x/audit.jsonl". */
    private readonly what: string,
  ) {}

  async acquire(): Promise<void> {
    if (this.held) return;
    await fsp.mkdir(path.dirname(this.lockPath), { recursive: true, mode: 0o700 });
    // Two attempts: the second after removing a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await fsp.open(this.lockPath, 'wx', 0o600);
        try {
          await handle.writeFile(`${process.pid}\n`, 'utf8');
        } finally {
          await handle.close();
        }
        this.held = true;
        held.add(this.lockPath);
        removeHeldOnExit();
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = Number.parseInt((await readTextIfExists(this.lockPath))?.trim() ?? '', 10);
      if (owner === process.pid) return; // this process holds it through another writer object
      if (Number.isSafeInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(`${this.what} is being written by another process (pid ${owner}); wait for it to finish, or give this run its own file. Lock: ${this.lockPath}`);
      }
      await fsp.rm(this.lockPath, { force: true });
    }
    throw new Error(`${this.what}: could not take the lock ${this.lockPath}`);
  }

  releaseSync(): void {
    if (!this.held) return;
    this.held = false;
    held.delete(this.lockPath);
    fs.rmSync(this.lockPath, { force: true });
  }
}
