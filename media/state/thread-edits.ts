// Immutable edits of a Thread: replace-or-append by id, deltas, and closing items when their turn ends.
// Every function returns the same object when nothing changed, so the view can skip re-rendering it.
import type { ItemStatus, Thread, ThreadItem, Turn } from '../../src/protocol/items';

export function upsertItem(thread: Thread, item: ThreadItem): Thread {
  const index = thread.items.findIndex((i) => i.id === item.id);
  const items = index < 0 ? [...thread.items, item] : thread.items.map((i, n) => (n === index ? item : i));
  return { ...thread, items };
}

export function upsertTurn(thread: Thread, turn: Turn): Thread {
  const index = thread.turns.findIndex((t) => t.id === turn.id);
  const turns = index < 0 ? [...thread.turns, turn] : thread.turns.map((t, n) => (n === index ? turn : t));
  return { ...thread, turns };
}

/**
 * Appends streamed text to an agent message or a reasoning summary. A delta for an item the view has not
 * seen yet (its item/started was lost or the view was reloaded mid-stream) starts a new item rather than
 * losing the text; the next full item replaces it.
 */
export function appendDelta(
  thread: Thread,
  target: { turnId: string; itemId: string; delta: string },
  kind: 'agentMessage' | 'reasoning',
): Thread {
  const existing = thread.items.find((i) => i.id === target.itemId);
  if (!existing) {
    const base = { id: target.itemId, turnId: target.turnId, createdAt: 0, status: 'inProgress' as const };
    const created: ThreadItem =
      kind === 'agentMessage' ? { ...base, type: 'agentMessage', text: target.delta } : { ...base, type: 'reasoning', summary: target.delta };
    return upsertItem(thread, created);
  }
  if (existing.type === 'agentMessage' && kind === 'agentMessage') {
    return upsertItem(thread, { ...existing, text: existing.text + target.delta });
  }
  if (existing.type === 'reasoning' && kind === 'reasoning') {
    return upsertItem(thread, { ...existing, summary: existing.summary + target.delta });
  }
  return thread;
}

/**
 * When a turn ends, nothing of it can still be running: items the engine left in progress (a lost
 * item/completed, an interrupted stream) are closed so no spinner outlives its turn.
 */
export function closeTurnItems(thread: Thread, turn: Turn): Thread {
  if (turn.status === 'inProgress') return thread;
  const finished: ItemStatus = turn.status === 'completed' ? 'completed' : 'interrupted';
  let changed = false;
  const items = thread.items.map((item): ThreadItem => {
    if (item.turnId !== turn.id) return item;
    switch (item.type) {
      case 'agentMessage':
      case 'reasoning':
      case 'toolCall':
        if (item.status !== 'inProgress') return item;
        changed = true;
        return { ...item, status: finished };
      case 'commandExecution':
      case 'mcpToolCall':
        if (item.status !== 'inProgress' && item.status !== 'awaitingApproval') return item;
        changed = true;
        return { ...item, status: 'interrupted' };
      default:
        return item;
    }
  });
  return changed ? { ...thread, items } : thread;
}
