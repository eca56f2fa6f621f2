// What a path holds while a patch is being planned: read once from the workspace, then overlaid by the
// patch's own operations in order (so a Delete followed by an Add of the same path works, as in Codex).
import { PatchError } from './errors';
import type { Region } from './hunks';
import type { Lines } from './lines';
import type { Eol, PatchFileRead, PatchReader } from './types';
import { decodeFileBytes } from './utf8';

export type FileState =
  | { state: 'absent' }
  | { state: 'directory' }
  | { state: 'other' }
  /** text null: the file exists but is not UTF-8 text (`reason` says why). */
  | { state: 'file'; text: string | null; reason?: string; bom: boolean; eol?: Eol };

export interface Current {
  file: FileState;
  /** Set when the text is the original text of `from` changed by one Update: that text's lines and the regions changed. */
  derived?: { from: string; old: Lines; regions: Region[] };
}

export class FileStates {
  private readonly originals = new Map<string, FileState>();
  private readonly overlay = new Map<string, Current>();
  /** Paths in the order the patch first touched them. */
  readonly touched: string[] = [];

  constructor(private readonly read: PatchReader) {}

  async current(path: string, patchLine: number): Promise<Current> {
    const overlaid = this.overlay.get(path);
    if (overlaid) return overlaid;
    return { file: await this.original(path, patchLine) };
  }

  /** What the path held before the patch (reads it on first use). */
  async original(path: string, patchLine: number): Promise<FileState> {
    const known = this.originals.get(path);
    if (known) return known;
    let read: PatchFileRead;
    try {
      read = await this.read(path);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof Error && e.name === 'PathOutsideWorkspaceError') {
        throw new PatchError('outsideWorkspace', message, { path, patchLine, cause: e });
      }
      throw new PatchError('readFailed', `Failed to read ${path}: ${message}`, { path, patchLine, cause: e });
    }
    const state = toFileState(read, path, patchLine);
    this.originals.set(path, state);
    if (!this.touched.includes(path)) this.touched.push(path);
    return state;
  }

  set(path: string, current: Current): void {
    this.overlay.set(path, current);
    if (!this.touched.includes(path)) this.touched.push(path);
  }

  /** Whether the patch has already changed this path. */
  changed(path: string): boolean {
    return this.overlay.has(path);
  }

  final(path: string): Current | undefined {
    return this.overlay.get(path);
  }
}

function toFileState(read: PatchFileRead, path: string, patchLine: number): FileState {
  switch (read?.kind) {
    case 'missing':
      return { state: 'absent' };
    case 'directory':
      return { state: 'directory' };
    case 'other':
      return { state: 'other' };
    case 'text': {
      const bom = read.text.startsWith('\uFEFF');
      return { state: 'file', text: bom ? read.text.slice(1) : read.text, bom };
    }
    case 'bytes': {
      const decoded = decodeFileBytes(read.bytes);
      return decoded.ok
        ? { state: 'file', text: decoded.text, bom: decoded.bom }
        : { state: 'file', text: null, reason: decoded.reason, bom: false };
    }
    default:
      throw new PatchError('readFailed', `Failed to read ${path}: the workspace returned no file state`, { path, patchLine });
  }
}
