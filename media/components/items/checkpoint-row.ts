// A checkpoint: the files as they were before the turn's first change. Shown as one line; once the turn
// has finished, its button puts them back ("Restore to before this turn", or "Undo the restore" on the
// checkpoint a restore took) — the editor asks for confirmation, and refuses files with unsaved edits.
import type { ItemOf } from '../../../src/protocol/items';
import { codicon, h, textButton } from '../../ui/dom';
import type { ViewContext } from '../context';

/** Said on the button: what a checkpoint cannot bring back. */
const NOT_UNDONE = 'Only the workspace files are put back: what commands did elsewhere (installs, network calls, databases, git pushes) is not undone.';

export function renderCheckpoint(item: ItemOf<'checkpoint'>, turnFinished: boolean, ctx: ViewContext): HTMLElement {
  const undo = item.kind === 'beforeRestore';
  const label =
    item.status === 'failed'
      ? 'No checkpoint for this turn'
      : undo
        ? `Checkpoint before the restore (${item.files} files)`
        : `Checkpoint before this turn's changes (${item.files} files)`;
  const checkpointId = item.checkpointId;
  const action =
    item.status === 'available' && turnFinished && checkpointId
      ? h(
          'div',
          { class: 'card-actions' },
          textButton(undo ? 'Undo the restore' : 'Restore to before this turn', {
            icon: 'history',
            key: `${item.id}:restore`,
            title: `${undo ? 'Put the files back as they were just before the restore.' : "Put the workspace's files back as they were before this turn changed them."} You are asked to confirm first. ${NOT_UNDONE}`,
            onClick: () => ctx.send('checkpoint/restore', { checkpointId }),
          }),
        )
      : null;
  return h(
    'div',
    { class: `item notice notice-checkpoint checkpoint-${item.status}`, attrs: { role: 'note' } },
    codicon(item.status === 'failed' ? 'warning' : 'history'),
    h('div', { class: 'notice-body' }, h('span', { text: label }), item.message ? h('div', { class: 'muted', text: item.message }) : null, action),
  );
}
