// A cloud task's events into its thread. The events are `crosswind exec --json` objects — the engine's own
// notifications with '/' spelled '.' — so their items are this protocol's ThreadItems: they are shown as
// they are, in the conversation view, by the same rendering as a local turn's. Three exceptions, each
// because the item would offer an action here that means something else there:
// - the task's user message: the editor recorded the prompt itself when it started the task;
// - a patch the task applied in its own checkout: here it is a note ("applied in the cloud: …") — the
//   workspace's copy arrives once, verified, as a pending patch (a card with Accept/Revert here would act on
//   a patch this engine does not hold);
// - a checkpoint of the task's checkout: it cannot be restored from here.
import { ThreadItem, Turn, type CloudTaskEvent } from '../../protocol';
import type { ExternalTurn } from '../../core/engine/external-turn';

function fileChangeNote(item: Extract<ThreadItem, { type: 'fileChange' }>): ThreadItem {
  const files = item.patch.files.map((f) => `${f.kind === 'add' ? 'A' : f.kind === 'delete' ? 'D' : 'M'} ${f.movePath ?? f.path}`).join(', ');
  return {
    id: item.id,
    turnId: item.turnId,
    createdAt: item.createdAt,
    type: 'notice',
    kind: 'info',
    message: `In the cloud task's checkout, patch ${item.patch.status}: ${files || 'no files'}. Its changes come here as one patch to review when the task ends.`,
  };
}

/** Feeds one event to the thread's turn; task.* and thread.* events are the caller's (they are not items). */
export async function applyTaskEvent(event: CloudTaskEvent, turn: ExternalTurn): Promise<void> {
  const e = event as CloudTaskEvent & { item?: unknown; turn?: unknown };
  if (e.type === 'item.started' || e.type === 'item.completed' || e.type === 'item.updated') {
    const parsed = ThreadItem.safeParse(e.item);
    if (!parsed.success) return; // an item kind this editor does not know (a newer runtime): nothing to show it with
    const item = parsed.data;
    if (item.type === 'userMessage' || item.type === 'checkpoint') return;
    const shown = item.type === 'fileChange' ? fileChangeNote(item) : item;
    // A patch is a note only once it is settled in the task (its pending state says nothing useful here).
    if (item.type === 'fileChange' && e.type === 'item.started') return;
    await turn.item(shown, e.type === 'item.started' ? 'started' : 'completed');
    return;
  }
  if (e.type === 'turn.updated' || e.type === 'turn.completed') {
    const parsed = Turn.safeParse(e.turn);
    if (parsed.success) await turn.progress(parsed.data.usage, parsed.data.cost);
  }
}
