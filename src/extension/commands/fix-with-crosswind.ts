// The "Fix with Crosswind" quick fix offered by the engine on diagnostics: a turn with them attached.
import * as vscode from 'vscode';
import { diagnosticsAttachment, relativePath } from '../sidebar/attachments';
import type { CommandModule } from './command';
import { commandLabel } from './command-label';

interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  source?: string;
  code?: string | number;
}

export const fixWithCrosswindCommand: CommandModule = {
  id: 'crosswind.fixWithCrosswind',
  run: async ({ view, conversation }, uriArg: unknown, diagnosticsArg: unknown) => {
    const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    const lsp = Array.isArray(diagnosticsArg) ? (diagnosticsArg as LspDiagnostic[]) : [];
    const diagnostics = lsp.length
      ? lsp.map((d) => {
          const diag = new vscode.Diagnostic(
            new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
            d.message,
            d.severity === 2 ? vscode.DiagnosticSeverity.Warning : d.severity === 3 ? vscode.DiagnosticSeverity.Information : d.severity === 4 ? vscode.DiagnosticSeverity.Hint : vscode.DiagnosticSeverity.Error,
          );
          if (d.source) diag.source = d.source;
          if (d.code !== undefined) diag.code = d.code;
          return diag;
        })
      : vscode.languages.getDiagnostics(uri);
    const attachment = diagnosticsAttachment(uri, diagnostics);
    if (!attachment) return;
    await view.reveal();
    const first = diagnostics[0]!;
    const label = commandLabel(
      diagnostics.length === 1 ? 'Fix' : `Fix ${diagnostics.length} problems at`,
      { type: 'selection', path: attachment.path, startLine: first.range.start.line + 1, endLine: first.range.start.line + 1, text: '' },
      diagnostics.length === 1 ? first.message.split('\n')[0]!.slice(0, 120) : undefined,
    );
    await conversation.startTurn(label, [attachment, { type: 'file', path: relativePath(uri) }], diagnostics.length === 1 ? 'Fix this problem.' : 'Fix these problems.');
  },
};
