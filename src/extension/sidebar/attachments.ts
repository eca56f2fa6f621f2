// What the user can attach from the editor: the current selection, the current file, its problems, or an
// image file (chosen in a dialog; pasted images are the webview's own).
import * as vscode from 'vscode';
import type { Attachment, AttachmentType } from '../../protocol';
import { imageMediaTypeOf, imageRefusal } from '../../shared';
import { workspacePathOfUri } from '../engine/workspace-folders';

const SEVERITY: Record<vscode.DiagnosticSeverity, 'error' | 'warning' | 'info' | 'hint'> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The engine's path of a file (`folder/rest` in a multi-root workspace). */
export function relativePath(uri: vscode.Uri): string {
  return workspacePathOfUri(uri);
}

/**
 * The problems of a file as the Problems panel lists them: errors, warnings and information. Hints
 * (e.g. "declared but never read" suggestions) are not problems, and a file with only hints has none.
 */
export function problemsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
}

export function selectionAttachment(editor: vscode.TextEditor): Extract<Attachment, { type: 'selection' }> | undefined {
  const sel = editor.selection;
  if (sel.isEmpty) return undefined;
  const startLine = sel.start.line + 1;
  // A selection ending at column 0 of a line does not include that line.
  const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
  return { type: 'selection', path: relativePath(editor.document.uri), startLine, endLine, text: editor.document.getText(sel) };
}

export function diagnosticsAttachment(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): Extract<Attachment, { type: 'diagnostics' }> | undefined {
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

const IMAGE_FILTERS = { Images: ['png', 'jpg', 'jpeg', 'gif', 'webp'] };

/** An image file the user picks, read and checked; undefined when the dialog is cancelled. */
async function imageFromDialog(): Promise<Attachment | string | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: IMAGE_FILTERS, openLabel: 'Attach Image', title: 'Attach an image to the message' });
  const uri = picked?.[0];
  if (!uri) return undefined;
  const bytes = await vscode.workspace.fs.readFile(uri);
  const name = uri.path.split('/').pop() ?? 'image';
  const refused = imageRefusal(name, bytes);
  if (refused) return refused;
  return { type: 'image', path: name, mediaType: imageMediaTypeOf(bytes)!, data: Buffer.from(bytes).toString('base64') };
}

/** The attachment for `type` from the active editor (an image: from a file dialog), or why it cannot be made. */
export async function attachmentFromEditor(type: AttachmentType): Promise<Attachment | string | undefined> {
  if (type === 'image') return imageFromDialog();
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
