// Writing several files all or nothing. First every `expected` is checked (a file the user changed since
// the patch was made is a conflict, and nothing is written); then each new content goes to a temporary
// file beside its target; then, one by one, temporaries are renamed into place and deleted files are
// renamed aside. If any step fails, everything done so far is undone — previous contents restored,
// deleted files put back, created directories removed — and the outcome says why.
import { createHash } from 'node:crypto';
import { promises as nodeFs, type Stats } from 'node:fs';
import path from 'node:path';
import type { FileWrite, WorkspacePath, WriteOutcome } from '../core/ports/workspace';
import { decodeFileBytes } from '../patch';

/** The file-system calls a transaction makes; tests pass a version that fails on purpose. */
export interface TransactionFs {
  stat(p: string): Promise<Stats>;
  readFile(p: string): Promise<Uint8Array>;
  writeFile(p: string, data: Uint8Array, options: { flag: string; mode?: number }): Promise<void>;
  chmod(p: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(p: string): Promise<void>;
  mkdir(p: string): Promise<unknown>;
  rmdir(p: string): Promise<void>;
}

export const nodeTransactionFs: TransactionFs = {
  stat: (p) => nodeFs.stat(p),
  readFile: (p) => nodeFs.readFile(p),
  writeFile: (p, data, options) => nodeFs.writeFile(p, data, options),
  chmod: (p, mode) => nodeFs.chmod(p, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  unlink: (p) => nodeFs.unlink(p),
  mkdir: (p) => nodeFs.mkdir(p),
  rmdir: (p) => nodeFs.rmdir(p),
};

/** Resolves a workspace path to the real absolute path to write, refusing anything outside the workspace. */
export type TargetResolver = (path: WorkspacePath) => Promise<string>;

interface Target {
  change: FileWrite;
  real: string;
  /** The bytes and mode the target had; null when it did not exist. */
  before: { bytes: Uint8Array; mode: number } | null;
  temp?: string;
}

type JournalEntry = { undo: 'restore'; target: Target } | { undo: 'remove'; real: string } | { undo: 'unDelete'; real: string; aside: string };

class Refusal extends Error {
  constructor(
    message: string,
    readonly conflicts: WorkspacePath[] = [],
  ) {
    super(message);
  }
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
let tempCounter = 0;

export async function writeAllOrNothing(changes: readonly FileWrite[], resolve: TargetResolver, fs: TransactionFs = nodeTransactionFs): Promise<WriteOutcome> {
  let targets: Target[];
  try {
    targets = await inspect(changes, resolve, fs);
  } catch (e) {
    return refused(e);
  }
  const temps: string[] = [];
  const createdDirs: string[] = [];
  const journal: JournalEntry[] = [];
  try {
    for (const t of targets) if (t.change.op !== 'delete') await prepare(t, fs, temps, createdDirs);
    for (const t of targets) await commit(t, resolve, fs, journal, temps);
  } catch (e) {
    await rollBack(journal, temps, createdDirs, fs);
    return refused(e);
  }
  for (const entry of journal) if (entry.undo === 'unDelete') await fs.unlink(entry.aside).catch(() => undefined);
  return { ok: true, written: changes.map((c) => c.path) };
}

function refused(e: unknown): WriteOutcome {
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, reason: `Nothing was written: ${message}`, conflicts: e instanceof Refusal ? e.conflicts : [] };
}

async function inspect(changes: readonly FileWrite[], resolve: TargetResolver, fs: TransactionFs): Promise<Target[]> {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const conflicts: WorkspacePath[] = [];
  for (const change of changes) {
    const real = await resolve(change.path);
    if (seen.has(real)) throw new Refusal(`${change.path} is changed twice in one write`);
    seen.add(real);
    const stat = await statOrNull(fs, real);
    if (stat?.isDirectory()) throw new Refusal(`${change.path} is a directory`);
    if (stat && !stat.isFile()) throw new Refusal(`${change.path} is not a regular file`);
    const before = stat ? { bytes: await fs.readFile(real), mode: stat.mode & 0o7777 } : null;
    if (change.op === 'delete' && !before && change.expected === undefined && change.expectedSha256 === undefined) throw new Refusal(`${change.path} does not exist`);
    if (change.op !== 'writeBytes' && change.expected !== undefined && !holds(before?.bytes ?? null, change.expected)) conflicts.push(change.path);
    else if (change.op !== 'write' && change.expectedSha256 !== undefined && sha256OrNull(before?.bytes ?? null) !== change.expectedSha256) conflicts.push(change.path);
    targets.push({ change, real, before });
  }
  if (conflicts.length > 0) throw new Refusal(`${conflicts.join(', ')} changed since the patch was made`, conflicts);
  return targets;
}

function sha256OrNull(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : createHash('sha256').update(bytes).digest('hex');
}

function holds(bytes: Uint8Array | null, expected: string | null): boolean {
  if (bytes === null || expected === null) return bytes === expected;
  const decoded = decodeFileBytes(bytes);
  return decoded.ok && decoded.text === expected;
}

async function statOrNull(fs: TransactionFs, p: string): Promise<Stats | null> {
  try {
    return await fs.stat(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

async function prepare(t: Target, fs: TransactionFs, temps: string[], createdDirs: string[]): Promise<void> {
  const change = t.change;
  if (change.op === 'delete') return;
  await ensureDirectory(path.dirname(t.real), fs, createdDirs, change.path);
  const temp = sideName(t.real, 'tmp');
  let bytes: Uint8Array;
  if (change.op === 'writeBytes') bytes = change.bytes;
  else {
    const text = new Uint8Array(Buffer.from(change.text, 'utf8'));
    bytes = change.bom ? concat(BOM, text) : text;
  }
  temps.push(temp);
  await fs.writeFile(temp, bytes, { flag: 'wx', mode: 0o666 });
  // A restore puts a file's own permission bits back (a script's executable bit); otherwise they are kept.
  const mode = change.op === 'writeBytes' && change.mode !== undefined ? change.mode : t.before?.mode;
  if (mode !== undefined) await fs.chmod(temp, mode);
  t.temp = temp;
}

async function ensureDirectory(dir: string, fs: TransactionFs, createdDirs: string[], forPath: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    const stat = await statOrNull(fs, d);
    if (stat) {
      if (!stat.isDirectory()) throw new Refusal(`cannot create ${forPath}: ${d} is a file, not a directory`);
      break;
    }
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    await fs.mkdir(d);
    createdDirs.push(d);
  }
}

async function commit(t: Target, resolve: TargetResolver, fs: TransactionFs, journal: JournalEntry[], temps: string[]): Promise<void> {
  // The path is resolved again just before it is touched: a symlink swapped in since must not redirect it.
  if ((await resolve(t.change.path)) !== t.real) throw new Refusal(`${t.change.path} was replaced while the patch was being written`);
  const now = await statOrNull(fs, t.real);
  const unchanged = t.before === null ? now === null : now !== null && sameBytes(await fs.readFile(t.real), t.before.bytes);
  if (!unchanged) throw new Refusal(`${t.change.path} changed while the patch was being written`, [t.change.path]);
  if (t.change.op !== 'delete') {
    await fs.rename(t.temp as string, t.real);
    temps.splice(temps.indexOf(t.temp as string), 1);
    journal.push(t.before ? { undo: 'restore', target: t } : { undo: 'remove', real: t.real });
  } else {
    const aside = sideName(t.real, 'deleted');
    await fs.rename(t.real, aside);
    journal.push({ undo: 'unDelete', real: t.real, aside });
  }
}

async function rollBack(journal: JournalEntry[], temps: string[], createdDirs: string[], fs: TransactionFs): Promise<void> {
  for (const entry of [...journal].reverse()) {
    try {
      if (entry.undo === 'remove') {
        await fs.unlink(entry.real);
      } else if (entry.undo === 'unDelete') {
        await fs.rename(entry.aside, entry.real);
      } else {
        const before = entry.target.before as { bytes: Uint8Array; mode: number };
        const temp = sideName(entry.target.real, 'restore');
        await fs.writeFile(temp, before.bytes, { flag: 'wx', mode: 0o666 });
        await fs.chmod(temp, before.mode);
        await fs.rename(temp, entry.target.real);
      }
    } catch {
      // Keep undoing the rest: one failure must not leave more behind.
    }
  }
  for (const temp of temps) await fs.unlink(temp).catch(() => undefined);
  for (const dir of [...createdDirs].reverse()) await fs.rmdir(dir).catch(() => undefined);
}

/**
 * Removes what a transaction killed mid-way (SIGKILL, power cut) left beside `files` (absolute paths):
 * its temporary copies and the files it had moved aside to delete. Only a dead process's: a live one may
 * still be writing. Returns the paths removed.
 */
export async function removeLeftovers(files: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const names = byDir.get(path.dirname(f)) ?? new Set<string>();
    names.add(path.basename(f));
    byDir.set(path.dirname(f), names);
  }
  for (const [dir, names] of byDir) {
    const entries = await nodeFs.readdir(dir).catch(() => [] as string[]);
    for (const entry of entries) {
      const m = /^\.(.+)\.crosswind-(\d+)-\d+-[a-z0-9]+\.(tmp|deleted|restore)$/.exec(entry);
      if (!m || !names.has(m[1]!) || processAlive(Number(m[2]))) continue;
      await nodeFs.rm(path.join(dir, entry), { force: true });
      removed.push(path.join(dir, entry));
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sideName(real: string, purpose: string): string {
  const random = Math.random().toString(36).slice(2, 8);
  return path.join(path.dirname(real), `.${path.basename(real)}.crosswind-${process.pid}-${++tempCounter}-${random}.${purpose}`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
