// A picked @-mention (or a file dropped on the composer) made into the attachment the model reads: a file
// by its path (the engine reads it, unsaved edits included), a folder as a capped listing, a symbol with
// its text, the workspace's errors and warnings, the active terminal's last command and output, a web
// page the user agreed to fetch. Only what is inside the workspace is attached.
import * as vscode from 'vscode';
import { MAX_MENTION_ENTRIES, MAX_MENTION_TEXT, type Attachment, type Mention } from '../../protocol';
import { redactSecrets } from '../../shared';
import { uriOfWorkspacePath } from '../engine/workspace-folders';
import { relativePath } from '../sidebar/attachments';
import { searchExcludeGlob } from './mention-search';
import type { TerminalOutputs } from './terminal-output';
import { fetchPageWithConsent, type UrlConsent } from './url-fetch';

const SEVERITY = { [vscode.DiagnosticSeverity.Error]: 'error', [vscode.DiagnosticSeverity.Warning]: 'warning' } as const;

/** The attachment `mention` names, or why it cannot be made (said to the user); undefined: the user declined. */
export async function attachmentForMention(mention: Mention, terminals: TerminalOutputs, urlConsent?: UrlConsent): Promise<Attachment | string | undefined> {
  switch (mention.kind) {
    case 'file':
    case 'folder': {
      const uri = workspaceUri(mention.path);
      return uri ? attachmentForUri(uri) : `${mention.path} is not inside the workspace.`;
    }
    case 'symbol':
      return symbolAttachment(mention);
    case 'problems':
      return problemsAttachment();
    case 'terminal': {
      const last = terminals.lastOfActive();
      if (typeof last === 'string') return last;
      return { type: 'terminal', terminal: last.terminal.slice(0, 200), command: last.command.slice(0, 10_000), output: last.output, ...(last.exitCode === undefined ? {} : { exitCode: last.exitCode }) };
    }
    case 'url':
      return fetchPageWithConsent(mention.url, urlConsent);
  }
}

/** A file or folder dropped on the composer (a `text/uri-list` entry). */
export async function attachmentForDrop(uriText: string): Promise<Attachment | string> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(uriText, true);
  } catch {
    return `Not a file: ${uriText.slice(0, 200)}`;
  }
  if (!vscode.workspace.getWorkspaceFolder(uri)) return `${uri.path.split('/').pop() ?? uriText} is not inside the workspace: only workspace files can be attached.`;
  return attachmentForUri(uri);
}

function workspaceUri(path: string): vscode.Uri | undefined {
  return uriOfWorkspacePath(path);
}

async function attachmentForUri(uri: vscode.Uri): Promise<Attachment | string> {
  const path = relativePath(uri);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return `${path} does not exist.`;
  }
  if (stat.type & vscode.FileType.Directory) return folderAttachment(uri, path);
  return { type: 'file', path };
}

/** The files under a folder, relative to it, as search lists them (excluded files left out), sorted. */
async function folderAttachment(uri: vscode.Uri, path: string): Promise<Attachment> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), searchExcludeGlob(), MAX_MENTION_ENTRIES + 1);
  const entries = found.map((f) => relativePath(f).slice(path.length + 1)).sort();
  return { type: 'folder', path, entries: entries.slice(0, MAX_MENTION_ENTRIES), truncated: entries.length > MAX_MENTION_ENTRIES };
}

async function symbolAttachment(m: Extract<Mention, { kind: 'symbol' }>): Promise<Attachment | string> {
  const uri = workspaceUri(m.path);
  if (!uri) return `${m.path} is not inside the workspace.`;
  const doc = await vscode.workspace.openTextDocument(uri);
  const end = Math.min(m.endLine, doc.lineCount);
  const text = doc.getText(new vscode.Range(m.startLine - 1, 0, end - 1, doc.lineAt(end - 1).text.length));
  return { type: 'symbol', path: m.path, name: m.name, kind: m.symbolKind, startLine: m.startLine, endLine: end, text: text.slice(0, MAX_MENTION_TEXT) };
}

/** Errors, then warnings, across the workspace: what the Problems panel lists first. */
function problemsAttachment(): Attachment {
  const all = vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) =>
      diagnostics.flatMap((d) =>
        d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning
          ? [
              {
                path: relativePath(uri),
                line: d.range.start.line + 1,
                severity: SEVERITY[d.severity],
                message: redactSecrets(d.message),
                ...(d.source ? { source: d.source } : {}),
                ...(d.code !== undefined ? { code: String(typeof d.code === 'object' ? d.code.value : d.code) } : {}),
              },
            ]
          : [],
      ),
    )
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return { type: 'problems', problems: all.slice(0, MAX_MENTION_ENTRIES), truncated: all.length > MAX_MENTION_ENTRIES };
}
