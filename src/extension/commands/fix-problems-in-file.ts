// "Crosswind: Fix Problems in File": a turn with the active file's diagnostics attached, ending in the
// diff editor on the proposed fix.
import * as vscode from 'vscode';
import { diagnosticsAttachment, problemsOf, relativePath } from '../sidebar/attachments';
import type { CommandModule } from './command';
import { commandLabel } from './command-label';
import { fileEditor, runEditorTurn } from './editor-turn';

export const fixProblemsInFileCommand: CommandModule = {
  id: 'crosswind.fixProblemsInFile',
  run: async (services) => {
    const editor = fileEditor();
    if (!editor) return;
    const uri = editor.document.uri;
    const diagnostics = problemsOf(uri);
    const problems = diagnosticsAttachment(uri, diagnostics);
    if (!problems) {
      void vscode.window.showErrorMessage(`Crosswind: no problems are reported in ${relativePath(uri)}.`);
      return;
    }
    const count = diagnostics.length;
    await runEditorTurn(services, {
      title: `Crosswind: fixing ${count === 1 ? '1 problem' : `${count} problems`} in ${relativePath(uri)}`,
      label: commandLabel(`Fix ${count === 1 ? '1 problem' : `${count} problems`} in`, { type: 'file', path: relativePath(uri) }),
      instruction: `Fix the ${count === 1 ? 'problem' : 'problems'} reported in ${relativePath(uri)} (attached). Change only what is needed.`,
      attachments: [problems, { type: 'file', path: relativePath(uri) }],
      expectsChange: true,
    });
  },
};
