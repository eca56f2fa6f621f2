// "Crosswind: Review Pending Patches": pick a patch waiting for review (straight to it when there is only
// one) and open the diff editor on its first file still to review.
import * as vscode from 'vscode';
import type { PatchView } from '../../protocol';
import type { CommandModule } from './command';

export const reviewPendingPatchesCommand: CommandModule = {
  id: 'crosswind.reviewPendingPatches',
  run: async ({ review, diffs }) => {
    const pending = review.pending();
    if (!pending.length) {
      void vscode.window.showInformationMessage('Crosswind: no patch is waiting for review.');
      return;
    }
    let chosen = pending.length === 1 ? pending[0] : undefined;
    if (!chosen) {
      const picked = await vscode.window.showQuickPick(
        [...pending].reverse().map((p) => ({ ...describe(p.view), entry: p })),
        { title: 'Crosswind: Review Pending Patches', placeHolder: 'Choose a proposed change to review', matchOnDescription: true },
      );
      chosen = picked?.entry;
    }
    if (!chosen) return;
    try {
      await diffs.openPatch(chosen.threadId, chosen.view.id);
    } catch (e) {
      void vscode.window.showErrorMessage(`Crosswind could not open the diff: ${e instanceof Error ? e.message : String(e)}`);
    }
  },
};

function describe(view: PatchView): { label: string; description: string; detail: string } {
  const hunks = view.files.flatMap((f) => f.hunks);
  const toReview = hunks.filter((h) => h.decision === 'pending').length;
  const added = view.files.reduce((n, f) => n + f.additions, 0);
  const removed = view.files.reduce((n, f) => n + f.deletions, 0);
  return {
    label: `$(diff) ${view.files.length === 1 ? view.files[0]!.path : `${view.files.length} files`}`,
    description: `+${added} −${removed}`,
    detail: `${toReview} of ${hunks.length} ${hunks.length === 1 ? 'hunk' : 'hunks'} to review${view.files.length > 1 ? ` · ${view.files.map((f) => f.path).join(', ')}` : ''}`,
  };
}
