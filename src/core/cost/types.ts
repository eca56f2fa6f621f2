// Cost seams: the engine prices every request's usage and appends it to a ledger (per request, with the
// provider that actually served it), from which turn/thread/day totals and the cost report are made.
import type { Cost, ServedBy, Usage } from '../../protocol';

/** Prices usage for a provider/model; unknown prices give a Cost with usd null, never 0. */
export interface Pricer {
  price(servedBy: Pick<ServedBy, 'provider' | 'model' | 'underlyingModel'>, usage: Usage): Cost;
}

/** One model request, as billed. Appended to the ledger after every request. */
export interface LedgerEntry {
  /** Epoch ms when the request finished. */
  at: number;
  threadId: string;
  turnId: string;
  servedBy: ServedBy;
  usage: Usage;
  cost: Cost;
}

/** Append-only storage of ledger entries (a JSONL file in the engine's state folder). */
export interface LedgerStore {
  append(entry: LedgerEntry): Promise<void>;
  /** Entries with at >= since (all when omitted), oldest first. */
  read(since?: number): Promise<LedgerEntry[]>;
}
