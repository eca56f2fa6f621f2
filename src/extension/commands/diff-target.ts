// What the diff editor's title actions share: find the patch file they act on (the editor's resource, or
// the active tab) and report failures instead of throwing into the void.
import * as vscode from 'vscode';
import type { PatchFileRef } from '../review/patch-uri';
import type { ExtensionServices } from '../services';

export async function onDiffTarget(services: ExtensionServices, arg: unknown, act: (ref: PatchFileRef) => Promise<unknown>): Promise<void> {
  const ref = services.diffs.targetOf(arg);
  if (!ref) {
    void vscode.window.showInformationMessage('Crosswind: open a proposed change in the diff editor first ("Crosswind: Review Pending Patches").');
    return;
  }
  try {
    await act(ref);
  } catch (e) {
    void vscode.window.showErrorMessage(`Crosswind: ${e instanceof Error ? e.message : String(e)}`);
  }
}
