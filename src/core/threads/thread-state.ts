// One thread in memory: its turns, its UI items, the conversation the model sees, its patches, and its
// totals. Built by replaying the thread's records; every change goes through apply() so what is in
// memory is exactly what a restart would rebuild.
import type { Cost, PatchView, Thread, ThreadItem, ThreadSummary, Turn, Usage } from '../../protocol';
import { addCosts, addUsage, ZERO_COST, ZERO_USAGE } from '../../shared/cost-math';
import type { ConversationItem } from '../model/types';
import type { UserEdit } from '../patches/user-edits';
import type { AppliedWrite, ThreadRecord } from './records';

export interface PatchRecord {
  patchId: string;
  itemId: string;
  turnId: string;
  input: string;
  applied?: AppliedWrite[];
  /** Recorded just before the patch wrote; with no `applied` after it, the engine stopped in between. */
  applying?: { writes: AppliedWrite[]; view: PatchView };
  /** Recorded just before a revert wrote; cleared by the `patchApplied` that records it done. */
  reverting?: AppliedWrite[];
  /** The user's edits of the proposal, by file path (patch/edit). */
  edits?: Record<string, UserEdit>;
}

export class ThreadState {
  id = '';
  title = '';
  createdAt = 0;
  updatedAt = 0;
  profile: string | undefined;
  readonly turns: Turn[] = [];
  readonly items: ThreadItem[] = [];
  private readonly itemIndex = new Map<string, number>();
  /** The model's view of the conversation, in full (compaction happens per request, see context-window.ts). */
  readonly conversation: ConversationItem[] = [];
  readonly patches = new Map<string, PatchRecord>();

  static fromRecords(records: ThreadRecord[]): ThreadState {
    const state = new ThreadState();
    for (const r of records) state.apply(r);
    return state;
  }

  /** `at`: when the change happened (now, live); omitted on replay, where records carry their own times. */
  apply(record: ThreadRecord, at?: number): void {
    const when = at ?? recordTime(record);
    if (when !== undefined) this.updatedAt = Math.max(this.updatedAt, when);
    switch (record.type) {
      case 'thread':
        this.id = record.thread.id;
        this.title = record.thread.title;
        this.createdAt = record.thread.createdAt;
        this.profile = record.thread.profile;
        break;
      case 'title':
        this.title = record.title;
        break;
      case 'profile':
        this.profile = record.profile;
        break;
      case 'turn': {
        const i = this.turns.findIndex((t) => t.id === record.turn.id);
        if (i >= 0) this.turns[i] = record.turn;
        else this.turns.push(record.turn);
        break;
      }
      case 'item': {
        const i = this.itemIndex.get(record.threadItem.id);
        if (i !== undefined) this.items[i] = record.threadItem;
        else {
          this.itemIndex.set(record.threadItem.id, this.items.length);
          this.items.push(record.threadItem);
        }
        break;
      }
      case 'itemDelta': {
        const item = this.item(record.itemId);
        if (item?.type === 'agentMessage') this.replaceItem({ ...item, text: item.text + record.delta });
        else if (item?.type === 'reasoning') this.replaceItem({ ...item, summary: item.summary + record.delta });
        break;
      }
      case 'conversation':
        this.conversation.push(record.item);
        break;
      case 'patch':
        this.patches.set(record.patchId, { patchId: record.patchId, itemId: record.itemId, turnId: record.turnId, input: record.input });
        break;
      case 'patchApplying': {
        const p = this.patches.get(record.patchId);
        if (p) p.applying = { writes: record.writes, view: record.view };
        break;
      }
      case 'patchReverting': {
        const p = this.patches.get(record.patchId);
        if (p) p.reverting = record.writes;
        break;
      }
      case 'patchApplied': {
        const p = this.patches.get(record.patchId);
        if (p) {
          p.applied = record.writes.length ? record.writes : undefined;
          p.reverting = undefined;
        }
        break;
      }
      case 'patchEdited': {
        const p = this.patches.get(record.patchId);
        if (!p) break;
        const edits = { ...p.edits };
        if (record.edit) edits[record.path] = record.edit;
        else delete edits[record.path];
        p.edits = edits;
        break;
      }
      case 'usage':
        // Per-request usage lives in the ledger; the turn record carries the totals.
        break;
    }
  }

  private replaceItem(item: ThreadItem): void {
    const i = this.itemIndex.get(item.id);
    if (i !== undefined) this.items[i] = item;
  }

  item(id: string): ThreadItem | undefined {
    const i = this.itemIndex.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  get usage(): Usage {
    return this.turns.reduce((acc, t) => addUsage(acc, t.usage), ZERO_USAGE);
  }

  get cost(): Cost {
    return this.turns.reduce((acc, t) => addCosts(acc, t.cost), ZERO_COST);
  }

  summary(): ThreadSummary {
    return {
      id: this.id,
      title: this.title,
      createdAt: this.createdAt,
      updatedAt: this.updatedAt,
      ...(this.profile ? { profile: this.profile } : {}),
      turnCount: this.turns.length,
      cost: this.cost,
    };
  }

  toThread(): Thread {
    return { ...this.summary(), turns: [...this.turns], items: [...this.items], usage: this.usage };
  }
}

function recordTime(r: ThreadRecord): number | undefined {
  switch (r.type) {
    case 'thread':
      return r.thread.createdAt;
    case 'turn':
      return r.turn.completedAt ?? r.turn.startedAt;
    case 'item':
      return r.threadItem.createdAt;
    case 'usage':
      return r.entry.at;
    default:
      return undefined;
  }
}
