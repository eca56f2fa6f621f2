// Opens the diff editor on one file of a patch (the sidebar's "Open diff"); with no path, on the first
// file still to review. Internal: hidden from the palette, which has "Review Pending Patches" instead.
import * as vscode from 'vscode';
import type { CommandModule } from './command';

export const openPatchDiffCommand: CommandModule = {
  id: 'crosswind.openPatchDiff',
  run: async ({ diffs }, threadId: unknown, patchId: unknown, path: unknown) => {
    if (typeof threadId !== 'string' || typeof patchId !== 'string') return;
    try {
      if (typeof path === 'string' && path) await diffs.open({ threadId, patchId, path });
      else await diffs.openPatch(threadId, patchId);
    } catch (e) {
      void vscode.window.showErrorMessage(`Crosswind could not open the diff: ${e instanceof Error ? e.message : String(e)}`);
    }
  },
};
