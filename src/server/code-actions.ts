// "Fix with Crosswind" on diagnostics: a quick fix that runs the extension's command, which starts a turn
// with the diagnostics under the cursor attached.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';

export const FIX_COMMAND = 'crosswind.fixWithCrosswind';

export function fixWithCrosswindActions(params: CodeActionParams): CodeAction[] {
  const diagnostics = params.context.diagnostics;
  if (!diagnostics.length) return [];
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix))) return [];
  const title = diagnostics.length === 1 ? 'Fix with Crosswind' : `Fix ${diagnostics.length} problems with Crosswind`;
  return [
    {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      command: { title, command: FIX_COMMAND, arguments: [params.textDocument.uri, diagnostics] },
    },
  ];
}
