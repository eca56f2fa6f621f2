// "Crosswind: Generate Tests for Selection": a turn asking for tests of the selected code (or, with no
// selection, of the file) in the project's own framework and place, ending in the diff editor.
import type { Attachment } from '../../protocol';
import { relativePath, selectionAttachment } from '../sidebar/attachments';
import type { CommandModule } from './command';
import { commandLabel } from './command-label';
import { fileEditor, runEditorTurn } from './editor-turn';

export const generateTestsCommand: CommandModule = {
  id: 'crosswind.generateTests',
  run: async (services) => {
    const editor = fileEditor();
    if (!editor) return;
    const selection = selectionAttachment(editor);
    const target: Extract<Attachment, { path: string }> = selection ?? { type: 'file', path: relativePath(editor.document.uri) };
    const what = selection ? 'the selected code' : relativePath(editor.document.uri);
    await runEditorTurn(services, {
      title: 'Crosswind: writing tests',
      label: commandLabel('Generate tests for', target),
      instruction:
        `Write tests for ${what}. Use the test framework and conventions this project already uses, and put the tests ` +
        'where the project keeps its tests (extend a matching test file if there is one). Cover the normal cases, the ' +
        'edge cases and the errors. Do not change the code under test.',
      attachments: [target],
      expectsChange: true,
    });
  },
};
