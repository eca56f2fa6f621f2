// The engine's workspace inside VS Code: files as the user sees them. Reads prefer the editor's open
// buffer (unsaved edits included) over the disk; writes go through `workspace/applyEdit` as one
// WorkspaceEdit (one undo step in the editor), then documents that had no unsaved change of the user's
// are saved so the disk matches. A write is refused, with nothing changed, when any file no longer
// holds the text the change was computed from.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CreateFile, DeleteFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { decodeFileBytes } from '../patch';
import type { DirEntry, FileRead, FileWrite, SearchRequest, SearchResult, Workspace, WorkspaceFolder, WorkspacePath, WriteOutcome } from '../core/ports/workspace';
import { sendClientRequest } from './rpc';

export class DocumentWorkspace implements Workspace {
  constructor(
    private readonly disk: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly connection: Connection,
  ) {}

  get root(): string {
    return this.disk.root;
  }

  get folders(): readonly WorkspaceFolder[] {
    return this.disk.folders;
  }

  resolve(p: string): Promise<WorkspacePath> {
    return this.disk.resolve(p);
  }

  canonical(p: WorkspacePath): Promise<WorkspacePath> {
    return this.disk.canonical(p);
  }

  absolute(p: WorkspacePath): string {
    return this.disk.absolute(p);
  }

  listDir(p: WorkspacePath): Promise<DirEntry[]> {
    return this.disk.listDir(p);
  }

  search(request: SearchRequest): Promise<SearchResult> {
    return this.disk.search(request);
  }

  async read(p: WorkspacePath): Promise<FileRead> {
    const doc = this.openDocument(p);
    if (!doc) return this.disk.read(p);
    const onDisk = await this.diskText(p);
    return { kind: 'text', text: doc.getText(), version: doc.version, dirty: onDisk !== doc.getText() };
  }

  /**
   * Exact-bytes changes (a checkpoint restore) of files not open in the editor go to the disk in their own
   * all-or-nothing transaction; a file open with unsaved changes is a conflict (never written over); one
   * open without them is edited through the editor like a patch, so its buffer and undo follow. If the
   * editor's part is refused, the disk part is put back.
   */
  async write(changes: FileWrite[]): Promise<WriteOutcome> {
    const inEditor: FileWrite[] = [];
    const onDisk: FileWrite[] = [];
    const unsaved: string[] = [];
    const changed: string[] = [];
    for (const c of changes) {
      if (c.op === 'write' || (c.op === 'delete' && c.expectedSha256 === undefined)) {
        inEditor.push(c);
        continue;
      }
      const doc = this.openDocument(c.path);
      if (!doc) {
        onDisk.push(c);
        continue;
      }
      const diskText = await this.diskText(c.path);
      if (doc.getText() !== diskText) {
        unsaved.push(c.path);
        continue;
      }
      const onDiskNow = await this.disk.read(c.path);
      if (c.expectedSha256 !== undefined && (onDiskNow.kind === 'bytes' ? sha256(onDiskNow.bytes) : null) !== c.expectedSha256) {
        changed.push(c.path);
        continue;
      }
      const decoded = c.op === 'writeBytes' ? decodeFileBytes(c.bytes) : undefined;
      if (decoded && !decoded.ok) onDisk.push(c);
      else if (c.op === 'delete') inEditor.push({ op: 'delete', path: c.path, ...(diskText !== null ? { expected: diskText } : {}) });
      else if (decoded?.ok) inEditor.push({ op: 'write', path: c.path, text: decoded.text, bom: decoded.bom, expected: diskText });
    }
    if (changed.length) return { ok: false, reason: 'files changed since the restore was planned', conflicts: changed };
    if (unsaved.length) return { ok: false, reason: `${unsaved.join(', ')} ${unsaved.length === 1 ? 'has' : 'have'} unsaved changes in the editor: save or revert them first`, conflicts: unsaved };
    if (!onDisk.length) return this.writeInEditor(inEditor);
    const undo = await this.undoOf(onDisk);
    const written = await this.disk.write(onDisk);
    if (!written.ok || !inEditor.length) return written;
    const edited = await this.writeInEditor(inEditor);
    if (!edited.ok) await this.disk.write(undo);
    return edited.ok ? { ok: true, written: changes.map((c) => c.path) } : edited;
  }

  /** The writes that put the disk files back as they are now, once `changes` have been written. */
  private async undoOf(changes: FileWrite[]): Promise<FileWrite[]> {
    const undo: FileWrite[] = [];
    for (const c of changes) {
      const now = await this.disk.read(c.path);
      const after = c.op === 'writeBytes' ? sha256(c.bytes) : null;
      if (now.kind === 'bytes') undo.push({ op: 'writeBytes', path: c.path, bytes: now.bytes, expectedSha256: after });
      else if (after !== null) undo.push({ op: 'delete', path: c.path, expectedSha256: after });
    }
    return undo;
  }

  private async writeInEditor(changes: FileWrite[]): Promise<WriteOutcome> {
    // 1. Every file must still hold what the change was computed from.
    const conflicts: string[] = [];
    const current = new Map<string, string | null>();
    const dirtyBefore = new Set<string>();
    for (const c of changes) {
      const now = await this.currentText(c.path);
      current.set(c.path, now);
      const doc = this.openDocument(c.path);
      if (doc && now !== (await this.diskText(c.path))) dirtyBefore.add(c.path);
      if (c.op !== 'writeBytes' && c.expected !== undefined && c.expected !== now) conflicts.push(c.path);
    }
    if (conflicts.length) return { ok: false, reason: 'files changed since the patch was computed', conflicts };

    // 2. One WorkspaceEdit for everything: VS Code applies it as a unit and undoes it in one step.
    const documentChanges: (TextDocumentEdit | CreateFile | DeleteFile)[] = [];
    for (const c of changes) {
      const uri = this.uriOf(c.path);
      const before = current.get(c.path) ?? null;
      if (c.op === 'delete') {
        documentChanges.push({ kind: 'delete', uri, options: { ignoreIfNotExists: false } });
        continue;
      }
      if (c.op !== 'write') continue;
      const doc = this.openDocument(c.path);
      if (before === null) {
        documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
        documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text }] });
      } else {
        const edit = minimalEdit(before, c.text);
        if (edit) documentChanges.push({ textDocument: { uri: doc?.uri ?? uri, version: doc ? doc.version : null }, edits: [edit] });
      }
    }
    if (!documentChanges.length) return { ok: true, written: [] };
    const edit: WorkspaceEdit = { documentChanges };
    const result = await this.connection.workspace.applyEdit({ label: 'Crosswind: apply patch', edit });
    if (!result.applied) return { ok: false, reason: result.failureReason ?? 'the editor refused the edit', conflicts: [] };

    // 3. Save what the user had not been editing, so the files on disk are the patched ones.
    const toSave = changes.filter((c) => c.op === 'write' && !dirtyBefore.has(c.path)).map((c) => c.path);
    if (toSave.length) {
      const { saved } = await sendClientRequest(this.connection, 'document/save', { paths: toSave });
      const unsaved = toSave.filter((p) => !saved.includes(p));
      if (unsaved.length) this.connection.console.warn(`Applied in the editor but not saved to disk: ${unsaved.join(', ')}`);
    }
    return { ok: true, written: changes.map((c) => c.path) };
  }

  private uriOf(p: WorkspacePath): string {
    return pathToFileURL(this.disk.absolute(p)).href;
  }

  private openDocument(p: WorkspacePath): TextDocument | undefined {
    let abs: string;
    try {
      abs = path.resolve(this.disk.absolute(p));
    } catch {
      return undefined; // the folders' parent in a multi-root workspace: no file
    }
    for (const doc of this.documents.all()) {
      if (!doc.uri.startsWith('file:')) continue;
      try {
        if (path.resolve(fileURLToPath(doc.uri)) === abs) return doc;
      } catch {
        // Not a file path we can compare.
      }
    }
    return undefined;
  }

  private async diskText(p: WorkspacePath): Promise<string | null> {
    const f = await this.disk.read(p);
    if (f.kind === 'text') return f.text;
    if (f.kind !== 'bytes') return null;
    const d = decodeFileBytes(f.bytes);
    return d.ok ? d.text : null;
  }

  private async currentText(p: WorkspacePath): Promise<string | null> {
    const doc = this.openDocument(p);
    return doc ? doc.getText() : this.diskText(p);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The smallest single edit (by whole lines) turning `before` into `after`; undefined when equal. */
export function minimalEdit(before: string, after: string): { range: { start: Pos; end: Pos }; newText: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Back up to a line start, and never split a CRLF pair.
  while (start > 0 && before[start - 1] !== '\n') start--;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { range: { start: positionAt(before, start), end: positionAt(before, endB) }, newText: after.slice(start, endA) };
}

interface Pos {
  line: number;
  character: number;
}

/** LSP position (UTF-16 units; \r\n, \r and \n each end a line) of an offset. */
function positionAt(text: string, offset: number): Pos {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
