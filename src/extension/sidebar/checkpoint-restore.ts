// "Restore to before this turn" from the sidebar: says which files would change and what a restore cannot
// undo, asks for confirmation, then asks the engine (checkpoint/restore). The engine does the rest — all
// files or none, never over a file with unsaved changes in the editor (it refuses and names the file),
// and an audit record either way. The dialogs go through a PickerUi's notify, so a test can answer them;
// only the confirmation is awaited (a notification resolves when the user closes it).
import { EngineError } from '../../shared/engine-error';
import type { EngineConnection } from '../engine/engine-connection';
import type { PickerUi } from '../providers/picker-ui';

export type RestoreUi = Pick<PickerUi, 'notify'>;

/** Files named in the confirmation before "and N more". */
const LISTED_FILES = 12;
export const RESTORE_ACTION = 'Restore';
/** What no checkpoint brings back, said before every restore (and in the README). */
export const NOT_RESTORED =
  'Only the workspace files are put back. Not undone: what commands did outside them — packages installed elsewhere, network calls, databases, other folders, git commits or pushes.';

export type RestoreOutcome = 'restored' | 'cancelled' | 'nothingToDo' | 'failed';

export async function restoreCheckpointFlow(engine: Pick<EngineConnection, 'request'>, checkpointId: string, ui: RestoreUi): Promise<RestoreOutcome> {
  try {
    const { checkpoints } = await engine.request('checkpoint/list', {});
    const c = checkpoints.find((x) => x.id === checkpointId);
    if (!c) {
      void ui.notify('error', 'Crosswind: this checkpoint is no longer kept, so it cannot be restored.');
      return 'failed';
    }
    const undo = c.kind === 'beforeRestore';
    if (!c.files.length) {
      void ui.notify('info', `Crosswind: nothing to restore — the files are already as they were ${undo ? 'before the restore' : 'before this turn'}.`);
      return 'nothingToDo';
    }
    const listed = c.files.slice(0, LISTED_FILES).join('\n');
    const more = c.files.length > LISTED_FILES ? `\n… and ${c.files.length - LISTED_FILES} more` : '';
    const detail = [
      `${c.files.length === 1 ? 'This file changes' : 'These files change'}:\n${listed}${more}`,
      ...(c.notCovered.length ? [`Not in the checkpoint (left as they are): ${c.notCovered.join('; ')}.`] : []),
      NOT_RESTORED,
      'The files as they are now are kept as a checkpoint first, so the restore can be undone.',
    ].join('\n\n');
    const question = undo ? `Undo the restore: put ${plural(c.files.length)} back as they were just before it?` : `Restore ${plural(c.files.length)} to before the turn “${c.label}”?`;
    const answer = await ui.notify('warning', question, [RESTORE_ACTION], { detail });
    if (answer !== RESTORE_ACTION) return 'cancelled';
    const result = await engine.request('checkpoint/restore', { checkpointId });
    const notRestored = result.notRestored.length ? ` Not restored: ${result.notRestored.join(', ')}.` : '';
    void ui.notify('info', `Crosswind: restored ${plural(result.changed.length)}.${notRestored}`);
    return 'restored';
  } catch (e) {
    const info = e instanceof EngineError ? e.info : undefined;
    const message = info ? `${info.message}${info.fix ? ` ${info.fix}` : ''}` : e instanceof Error ? e.message : String(e);
    void ui.notify('error', `Crosswind: ${message}`);
    return 'failed';
  }
}

function plural(n: number): string {
  return `${n} file${n === 1 ? '' : 's'}`;
}
