// Workspace wrappers for the resilience tests: an editor with unsaved buffers over the files on disk (as
// the engine sees VS Code through src/server/document-workspace.ts), and a hook that runs just before a
// write — where a user saving a file at the worst moment would land.
import type { DirEntry, FileRead, FileWrite, SearchRequest, SearchResult, Workspace, WorkspaceFolder, WorkspacePath, WriteOutcome } from '../../src/core/ports/workspace';

export class EditorBuffers implements Workspace {
  /** Open documents with unsaved changes: path → text. */
  readonly buffers = new Map<string, { text: string; version: number }>();
  /** Runs at the start of every write (after the patch was re-matched, before anything is checked). */
  beforeWrite: (() => Promise<void> | void) | undefined;

  constructor(private readonly disk: Workspace) {}

  get root(): string {
    return this.disk.root;
  }

  get folders(): readonly WorkspaceFolder[] {
    return this.disk.folders;
  }

  /** The user types in an open editor without saving. */
  edit(path: string, text: string): void {
    this.buffers.set(path, { text, version: (this.buffers.get(path)?.version ?? 0) + 1 });
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

  search(r: SearchRequest): Promise<SearchResult> {
    return this.disk.search(r);
  }

  async read(p: WorkspacePath): Promise<FileRead> {
    const b = this.buffers.get(p);
    return b ? { kind: 'text', text: b.text, version: b.version, dirty: true } : this.disk.read(p);
  }

  /** Like the editor: an open buffer must still hold what the change expects, and is edited in place (still unsaved). */
  async write(changes: FileWrite[]): Promise<WriteOutcome> {
    await this.beforeWrite?.();
    // An exact-bytes write (a checkpoint restore) over an open buffer is refused, like the editor's unsaved changes.
    const conflicts = changes
      .filter((c) => this.buffers.has(c.path) && (c.op === 'writeBytes' || (c.op === 'delete' && c.expectedSha256 !== undefined) || (c.expected !== undefined && c.expected !== this.buffers.get(c.path)!.text)))
      .map((c) => c.path);
    if (conflicts.length) return { ok: false, reason: 'files changed since the patch was computed', conflicts };
    const onDisk = changes.filter((c) => !this.buffers.has(c.path));
    if (onDisk.length) {
      const outcome = await this.disk.write(onDisk);
      if (!outcome.ok) return outcome;
    }
    for (const c of changes) if (this.buffers.has(c.path) && c.op === 'write') this.edit(c.path, c.text);
    return { ok: true, written: changes.map((c) => c.path) };
  }
}
