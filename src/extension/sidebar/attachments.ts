// What the user can attach from the editor: the current selection, the current file, or its problems.
import * as vscode from 'vscode';
import type { Attachment } from '../../protocol';

const SEVERITY: Record<vscode.DiagnosticSeverity, 'error' | 'warning' | 'info' | 'hint'> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/**
 * The problems of a file as the Problems panel lists them: errors, warnings and information. Hints
 * (e.g. "declared but never read" suggestions) are not problems, and a file with only hints has none.
 */
export function problemsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
}

export function selectionAttachment(editor: vscode.TextEditor): Attachment | undefined {
  const sel = editor.selection;
  if (sel.isEmpty) return undefined;
  const startLine = sel.start.line + 1;
  // A selection ending at column 0 of a line does not include that line.
  const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
  return { type: 'selection', path: relativePath(editor.document.uri), startLine, endLine, text: editor.document.getText(sel) };
}

export function diagnosticsAttachment(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): Attachment | undefined {
  if (!diagnostics.length) return undefined;
  return {
    type: 'diagnostics',
    path: relativePath(uri),
    diagnostics: diagnostics.slice(0, 100).map((d) => ({
      line: d.range.start.line + 1,
      severity: SEVERITY[d.severity],
      message: d.message,
      ...(d.source ? { source: d.source } : {}),
      ...(d.code !== undefined ? { code: String(typeof d.code === 'object' ? d.code.value : d.code) } : {}),
    })),
  };
}

/** The attachment for `kind` from the active editor, or a reason it cannot be made. */
export function attachmentFromEditor(type: Attachment['type']): Attachment | string {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return 'Open a file in the editor first.';
  switch (type) {
    case 'selection':
      return selectionAttachment(editor) ?? 'Select some code in the editor first.';
    case 'file':
      return { type: 'file', path: relativePath(editor.document.uri) };
    case 'diagnostics':
      return diagnosticsAttachment(editor.document.uri, problemsOf(editor.document.uri)) ?? 'This file has no problems reported.';
  }
}
