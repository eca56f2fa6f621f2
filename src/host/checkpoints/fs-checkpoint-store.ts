// The CheckpointStore port over a folder of the engine's state (the editor's workspace storage, or the
// CLI's state folder — one store per workspace): never inside the workspace, and hidden from sandboxed
// commands like the rest of that folder, so nothing the agent runs can change a checkpoint.
//
//   objects/ab/cdef…            file contents by SHA-256 (see blob-store.ts)
//   checkpoints/<id>.snapshot.json   what a checkpoint covers: path → hash, size, mode; what it left out
//   checkpoints/<id>.json       its description, written last: a checkpoint exists once this file does
//   stat-cache.json             hashes by stat, so unchanged files are not read again
//   restore-journal.json        a restore being written (fsynced before the first file is touched)
//
// Operations take a lock file (one process at a time; in-process they queue), and the oldest checkpoints
// beyond MAX_CHECKPOINTS are dropped with the contents only they referenced.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Checkpoint, CheckpointMeta, CheckpointStore, FileState, RestoreJournal, ScanRules, WorkspaceSnapshot } from '../../core/ports/checkpoints';
import { readTextIfExists } from '../append-file';
import { removeLeftovers } from '../fs-transaction';
import { SingleWriterLock } from '../single-writer-lock';
import { BlobStore } from './blob-store';
import { DEFAULT_SCAN_LIMITS, scanWorkspace, statFile, type ScanLimits, type StatCache, type StatCacheEntry } from './workspace-scan';

/** Checkpoints kept per workspace (the oldest go first). */
export const MAX_CHECKPOINTS = 100;
const ID = /^[A-Za-z0-9_-]{1,120}$/;
/** How long an operation waits for another process's (bounded). */
const LOCK_ATTEMPTS = 50;
const LOCK_WAIT_MS = 100;

export interface FsCheckpointStoreOptions {
  limits?: ScanLimits;
  maxCheckpoints?: number;
}

/** A folder of a multi-root workspace (its name starts its paths). */
export interface CheckpointFolder {
  name: string;
  root: string;
}

export class FsCheckpointStore implements CheckpointStore {
  private readonly blobs: BlobStore;
  private readonly lock: SingleWriterLock;
  private queue: Promise<unknown> = Promise.resolve();
  private realRoots: { name: string; real: string }[] | undefined;
  private readonly folders: readonly CheckpointFolder[];

  /**
   * `root`: the workspace's folder, or the folders of a multi-root workspace, whose paths start with each
   * folder's name — one store, one journal and one lock for all of them, so a restore stays one transaction.
   */
  constructor(
    root: string | readonly CheckpointFolder[],
    readonly location: string,
    private readonly options: FsCheckpointStoreOptions = {},
  ) {
    this.folders = typeof root === 'string' || root.length === 1 ? [{ name: '', root: typeof root === 'string' ? root : root[0]!.root }] : root;
    this.blobs = new BlobStore(path.join(location, 'objects'));
    this.lock = new SingleWriterLock(path.join(location, 'lock'), `The checkpoints of ${this.folders.map((f) => f.root).join(', ')}`);
  }

  capture(meta: CheckpointMeta, rules: ScanRules): Promise<Checkpoint> {
    return this.exclusive(async () => {
      const cache = await this.loadCache();
      const snapshot = await this.scanFolders(
        rules,
        cache,
        (_rel, bytes, state) => this.blobs.put(state.sha256, bytes),
        (sha) => this.blobs.has(sha),
      );
      await this.saveCache(cache);
      await this.writeJson(this.snapshotFile(meta.id), snapshot);
      await this.writeJson(this.metaFile(meta.id), meta);
      await this.prune();
      return { ...meta, snapshot };
    });
  }

  scan(rules: ScanRules): Promise<WorkspaceSnapshot> {
    return this.exclusive(async () => {
      const cache = await this.loadCache();
      const snapshot = await this.scanFolders(rules, cache);
      await this.saveCache(cache);
      return snapshot;
    });
  }

  async stat(rel: string): Promise<FileState | null | 'notFile'> {
    const at = await this.route(rel);
    return at ? statFile(at.real, at.rest) : 'notFile';
  }

  async list(): Promise<CheckpointMeta[]> {
    const names = await fs.readdir(path.join(this.location, 'checkpoints')).catch(() => [] as string[]);
    const metas: CheckpointMeta[] = [];
    for (const name of names) {
      if (!name.endsWith('.json') || name.endsWith('.snapshot.json')) continue;
      const text = await readTextIfExists(path.join(this.location, 'checkpoints', name));
      if (!text) continue;
      try {
        metas.push(JSON.parse(text) as CheckpointMeta);
      } catch {
        // A damaged description: that checkpoint is not offered.
      }
    }
    return metas.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  async get(id: string): Promise<Checkpoint | undefined> {
    if (!ID.test(id)) return undefined;
    const meta = await readTextIfExists(this.metaFile(id));
    const snapshot = await readTextIfExists(this.snapshotFile(id));
    if (!meta || !snapshot) return undefined;
    return { ...(JSON.parse(meta) as CheckpointMeta), snapshot: JSON.parse(snapshot) as WorkspaceSnapshot };
  }

  read(sha256: string): Promise<Uint8Array> {
    return this.blobs.get(sha256);
  }

  async removeLeftovers(paths: string[]): Promise<void> {
    const files: string[] = [];
    for (const p of paths) {
      const at = await this.route(p);
      if (at && at.rest !== '') files.push(path.join(at.real, ...at.rest.split('/')));
    }
    await removeLeftovers(files);
  }

  async readJournal(): Promise<RestoreJournal | undefined> {
    const text = await readTextIfExists(this.journalFile);
    return text ? (JSON.parse(text) as RestoreJournal) : undefined;
  }

  writeJournal(journal: RestoreJournal): Promise<void> {
    return this.writeJson(this.journalFile, journal);
  }

  async clearJournal(): Promise<void> {
    await fs.rm(this.journalFile, { force: true });
    await syncDir(this.location);
  }

  private get limits(): ScanLimits {
    return this.options.limits ?? DEFAULT_SCAN_LIMITS;
  }

  private get journalFile(): string {
    return path.join(this.location, 'restore-journal.json');
  }

  private metaFile(id: string): string {
    if (!ID.test(id)) throw new Error(`Invalid checkpoint id '${id.slice(0, 40)}'`);
    return path.join(this.location, 'checkpoints', `${id}.json`);
  }

  private snapshotFile(id: string): string {
    if (!ID.test(id)) throw new Error(`Invalid checkpoint id '${id.slice(0, 40)}'`);
    return path.join(this.location, 'checkpoints', `${id}.snapshot.json`);
  }

  private async reals(): Promise<{ name: string; real: string }[]> {
    return (this.realRoots ??= await Promise.all(this.folders.map(async (f) => ({ name: f.name, real: await fs.realpath(f.root) }))));
  }

  /** The folder a workspace path is in (by its first segment when there are several) and the path inside it. */
  private async route(rel: string): Promise<{ real: string; rest: string } | undefined> {
    const roots = await this.reals();
    if (roots.length === 1) return { real: roots[0]!.real, rest: rel };
    const slash = rel.indexOf('/');
    const name = slash < 0 ? rel : rel.slice(0, slash);
    const folder = roots.find((r) => r.name === name);
    return folder ? { real: folder.real, rest: slash < 0 ? '' : rel.slice(slash + 1) } : undefined;
  }

  /**
   * Scans every folder; with several, each path (and each stat-cache key) gets its folder's name in front.
   * The limits apply to each folder.
   */
  private async scanFolders(
    rules: ScanRules,
    cache: StatCache,
    onFile?: (rel: string, bytes: Uint8Array, state: FileState) => Promise<void>,
    hasStored?: (sha256: string) => Promise<boolean>,
  ): Promise<WorkspaceSnapshot> {
    const roots = await this.reals();
    if (roots.length === 1) return scanWorkspace(roots[0]!.real, rules, cache, onFile, this.limits, hasStored);
    const merged: WorkspaceSnapshot = { files: {}, skipped: [], partial: false };
    for (const { name, real } of roots) {
      const prefix = `${name}/`;
      const own: StatCache = new Map();
      for (const [key, entry] of cache) if (key.startsWith(prefix)) own.set(key.slice(prefix.length), entry);
      const snapshot = await scanWorkspace(real, rules, own, onFile && ((rel, bytes, state) => onFile(prefix + rel, bytes, state)), this.limits, hasStored);
      for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
      for (const [key, entry] of own) cache.set(prefix + key, entry);
      for (const [rel, state] of Object.entries(snapshot.files)) merged.files[prefix + rel] = state;
      for (const s of snapshot.skipped) merged.skipped.push({ path: s.path ? prefix + s.path : name, why: s.why });
      merged.partial ||= snapshot.partial;
    }
    return merged;
  }

  /** One operation at a time: queued in this process, locked against others (waiting a bounded time). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await this.takeLock();
      try {
        return await work();
      } finally {
        this.lock.releaseSync();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async takeLock(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.lock.acquire();
      } catch (e) {
        if (attempt >= LOCK_ATTEMPTS) throw e;
        await new Promise((r) => setTimeout(r, LOCK_WAIT_MS));
      }
    }
  }

  private async loadCache(): Promise<StatCache> {
    const text = await readTextIfExists(path.join(this.location, 'stat-cache.json')).catch(() => undefined);
    try {
      return new Map(Object.entries(text ? (JSON.parse(text) as Record<string, StatCacheEntry>) : {}));
    } catch {
      return new Map();
    }
  }

  private saveCache(cache: StatCache): Promise<void> {
    return this.writeJson(path.join(this.location, 'stat-cache.json'), Object.fromEntries(cache), false);
  }

  /** Drops the oldest checkpoints beyond the limit, then every stored file no checkpoint (or restore) refers to. */
  private async prune(): Promise<void> {
    const all = await this.list();
    const drop = all.slice(this.options.maxCheckpoints ?? MAX_CHECKPOINTS);
    if (!drop.length) return;
    for (const m of drop) {
      await fs.rm(this.metaFile(m.id), { force: true });
      await fs.rm(this.snapshotFile(m.id), { force: true });
    }
    const keep = new Set<string>();
    for (const m of all.slice(0, all.length - drop.length)) {
      const c = await this.get(m.id);
      for (const f of Object.values(c?.snapshot.files ?? {})) keep.add(f.sha256);
    }
    for (const ch of (await this.readJournal())?.changes ?? []) for (const s of [ch.from, ch.to]) if (s) keep.add(s.sha256);
    await this.blobs.collect(keep);
  }

  /** Temporary file, fsync, rename (and the folder fsynced): the file is either the old one or the new one. */
  private async writeJson(file: string, value: unknown, durable = true): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(value), 'utf8');
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
    if (durable) await syncDir(path.dirname(file));
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes a rename durable; not every platform can open a folder (Windows), which is then skipped.
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
