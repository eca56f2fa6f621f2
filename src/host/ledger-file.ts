// The cost ledger on disk: one JSON line per billed model request (LedgerEntry), append-only. A line
// that does not parse (torn by a crash, edited by hand) is skipped on read and reported, never fatal:
// the ledger is for totals and reports, the audit log is the tamper-evident record.
import type { LedgerEntry, LedgerStore } from '../core/cost/types';
import { Cost, ServedBy, Usage } from '../protocol';
import { appendLines, readTextIfExists } from './append-file';

export interface LedgerRead {
  entries: LedgerEntry[];
  /** 1-based line numbers that were not ledger entries. */
  skippedLines: number[];
}

function parseEntry(line: string): LedgerEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.at !== 'number' || typeof v.threadId !== 'string' || typeof v.turnId !== 'string') return undefined;
  const servedBy = ServedBy.safeParse(v.servedBy);
  const usage = Usage.safeParse(v.usage);
  const cost = Cost.safeParse(v.cost);
  if (!servedBy.success || !usage.success || !cost.success) return undefined;
  return { at: v.at, threadId: v.threadId, turnId: v.turnId, servedBy: servedBy.data, usage: usage.data, cost: cost.data };
}

export class FileLedgerStore implements LedgerStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  append(entry: LedgerEntry): Promise<void> {
    const write = this.queue.then(() => appendLines(this.path, JSON.stringify(entry) + '\n', { sync: false }));
    this.queue = write.catch(() => undefined);
    return write;
  }

  async read(since?: number): Promise<LedgerEntry[]> {
    const { entries } = await this.readAll();
    return since === undefined ? entries : entries.filter((e) => e.at >= since);
  }

  /** Every entry, oldest first, and the lines that could not be read. */
  async readAll(): Promise<LedgerRead> {
    await this.queue;
    const text = await readTextIfExists(this.path);
    const entries: LedgerEntry[] = [];
    const skippedLines: number[] = [];
    if (text === undefined) return { entries, skippedLines };
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim()) continue;
      const entry = parseEntry(line);
      if (entry) entries.push(entry);
      else skippedLines.push(i + 1);
    }
    entries.sort((a, b) => a.at - b.at);
    return { entries, skippedLines };
  }
}
