// "Crosswind: Explain Selection": a turn with the selection (or, with none, the file) attached; the
// answer is in the sidebar, and no change is expected.
import type { Attachment } from '../../protocol';
import { relativePath, selectionAttachment } from '../sidebar/attachments';
import type { CommandModule } from './command';
import { commandLabel } from './command-label';
import { fileEditor, runEditorTurn } from './editor-turn';

export const explainSelectionCommand: CommandModule = {
  id: 'crosswind.explainSelection',
  run: async (services) => {
    const editor = fileEditor();
    if (!editor) return;
    const selection = selectionAttachment(editor);
    const target: Extract<Attachment, { path: string }> = selection ?? { type: 'file', path: relativePath(editor.document.uri) };
    await runEditorTurn(services, {
      title: 'Crosswind: explaining',
      label: commandLabel('Explain', target),
      instruction: selection
        ? 'Explain the selected code: what it does, how it does it, and anything surprising about it. Do not change any file.'
        : `Explain ${relativePath(editor.document.uri)}: what it is for, how it works, and anything surprising about it. Do not change any file.`,
      attachments: [target],
      expectsChange: false,
    });
  },
};
