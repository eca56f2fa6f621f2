// A patch the user edited and applied after the turn that proposed it had ended (the turn was stopped, or
// the window reloaded, while the patch waited): no apply_patch call is waiting to tell the model, so what
// the user changed goes into the conversation as a note the model reads with the next message.
import type { PatchView } from '../../protocol';
import type { PatchManager } from '../patches/patch-manager';
import { describeUserEdits } from '../patches/user-edit-report';
import type { ThreadSession } from './thread-session';

export async function noteLateUserEdits(session: ThreadSession, patches: PatchManager, view: PatchView): Promise<void> {
  if (view.status !== 'applied' && view.status !== 'partiallyApplied') return;
  const patch = patches.get(view.id);
  // A running turn: either the apply_patch call waiting on this patch tells the model, or another turn's
  // conversation is mid-way (a note between a tool call and its result would break it). Not noted then.
  if (session.running) return;
  const report = describeUserEdits(patches.userEdits(view.id));
  if (!report) return;
  const files = view.files.map((f) => f.movePath ?? f.path).join(', ');
  const text = `[Crosswind: after the turn that proposed it had ended, the user ${view.status === 'applied' ? 'applied' : 'partly applied'} your patch to ${files}.]\n${report}`;
  await session.record({ type: 'conversation', turnId: patch.turnId, item: { type: 'user', text } });
}
