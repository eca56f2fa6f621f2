// "Crosswind: Refactor Selection…": asks how, then a turn with the selection attached that ends in the
// diff editor on the proposed change.
import * as vscode from 'vscode';
import { selectionAttachment } from '../sidebar/attachments';
import type { CommandModule } from './command';
import { commandLabel } from './command-label';
import { fileEditor, runEditorTurn } from './editor-turn';

export const refactorSelectionCommand: CommandModule = {
  id: 'crosswind.refactorSelection',
  // `instruction` is for keybindings and tests; from the palette or a menu the user is asked.
  run: async (services, instructionArg: unknown) => {
    const editor = fileEditor();
    if (!editor) return;
    const selection = selectionAttachment(editor);
    if (selection?.type !== 'selection') {
      void vscode.window.showErrorMessage('Crosswind: select the code to refactor first.');
      return;
    }
    const instruction =
      typeof instructionArg === 'string' && instructionArg.trim()
        ? instructionArg
        : await vscode.window.showInputBox({
            title: 'Crosswind: Refactor Selection',
            prompt: `How should lines ${selection.startLine}–${selection.endLine} of ${selection.path} change?`,
            placeHolder: 'e.g. extract a function, use async/await, rename x to count',
            ignoreFocusOut: true,
            validateInput: (v) => (v.trim() ? undefined : 'Say what to change.'),
          });
    if (!instruction?.trim()) return;
    const asked = instruction.trim().replace(/[.\s]+$/, '');
    await runEditorTurn(services, {
      title: 'Crosswind: refactoring the selection',
      // What the user typed is theirs to see; the framing around it is the model's.
      label: commandLabel('Refactor', selection, asked),
      instruction: `Refactor the selected code: ${asked}. Change only what is needed, in place.`,
      attachments: [selection],
      expectsChange: true,
    });
  },
};
