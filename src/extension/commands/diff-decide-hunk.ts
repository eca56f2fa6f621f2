// The Accept / Reject CodeLens above each hunk of the proposed side (internal: not in the palette).
import * as vscode from 'vscode';
import { DECIDE_HUNK_COMMAND, type HunkDecisionArgs } from '../review/diff-codelens';
import type { CommandModule } from './command';

export const diffDecideHunkCommand: CommandModule = {
  id: DECIDE_HUNK_COMMAND,
  run: async ({ review }, arg: unknown) => {
    const a = arg as HunkDecisionArgs | undefined;
    if (!a || typeof a.patchId !== 'string' || typeof a.hunk !== 'number') return;
    try {
      await review.decide(a.threadId, a.patchId, [{ path: a.path, hunk: a.hunk, decision: a.decision }]);
    } catch (e) {
      void vscode.window.showErrorMessage(`Crosswind: ${e instanceof Error ? e.message : String(e)}`);
    }
  },
};
