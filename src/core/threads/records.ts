// What a thread's append-only JSONL file holds, one record per line. A thread is rebuilt by replaying
// its records; a later record for the same item or turn replaces the earlier one.
import type { PatchView, Thread, ThreadItem, Turn } from '../../protocol';
import type { LedgerEntry } from '../cost/types';
import type { ConversationItem } from '../model/types';
import type { UserEdit } from '../patches/user-edits';

export type ThreadRecord =
  /** The first line of every thread file. */
  | { type: 'thread'; thread: Pick<Thread, 'id' | 'title' | 'createdAt' | 'profile'> }
  | { type: 'title'; title: string }
  | { type: 'profile'; profile: string }
  | { type: 'turn'; turn: Turn }
  | { type: 'item'; threadItem: ThreadItem }
  /** Streamed text appended to an agent message or a reasoning summary (persisted in small batches). */
  | { type: 'itemDelta'; itemId: string; delta: string }
  /** What the model sees, in order (the UI items are a view of it, not the same thing). */
  | { type: 'conversation'; turnId: string; item: ConversationItem }
  /** The raw patch text behind a fileChange item, so a pending patch survives a restart. */
  | { type: 'patch'; patchId: string; itemId: string; turnId: string; input: string }
  /**
   * What a patch is about to write, recorded before it writes: if the engine dies in between, the restart
   * tells from the files whether the writes landed (`view`: the patch as it will be once they have).
   */
  | { type: 'patchApplying'; patchId: string; writes: AppliedWrite[]; view: PatchView }
  /** What a revert is about to write (the applied writes reversed), recorded before it writes, like `patchApplying`. */
  | { type: 'patchReverting'; patchId: string; writes: AppliedWrite[] }
  /** What an applied patch wrote, so it can be reverted after a restart (empty: a revert finished). */
  | { type: 'patchApplied'; patchId: string; writes: AppliedWrite[] }
  /** The user's edit of one file's proposal (patch/edit), by PlannedFile.path; null: back to the model's proposal. */
  | { type: 'patchEdited'; patchId: string; path: string; edit: UserEdit | null }
  | { type: 'usage'; entry: LedgerEntry };

/** One file an applied patch changed: the text before and after (null = did not exist). */
export interface AppliedWrite {
  path: string;
  before: string | null;
  after: string | null;
  bomBefore: boolean;
  bomAfter: boolean;
}

/** Storage of thread records (JSONL files in the extension's storage or the CLI's state folder). */
export interface ThreadStore {
  append(threadId: string, records: ThreadRecord[]): Promise<void>;
  /** All records of a thread, in order; [] when it does not exist. A torn last line is skipped. */
  read(threadId: string): Promise<ThreadRecord[]>;
  /** Thread ids, most recently written first. */
  list(): Promise<string[]>;
}
