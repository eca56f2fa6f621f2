// The Workspace port over a folder on disk, for the CLI and the tests. Every path is confined twice:
// lexically (no '..' escape, no absolute path elsewhere) and through the real file system (no symlink
// anywhere along the path may lead out of the root), and the check is repeated right before each write.
import { realpathSync, promises as fs } from 'node:fs';
import path from 'node:path';
import {
  PathOutsideWorkspaceError,
  type DirEntry,
  type FileRead,
  type FileWrite,
  type SearchRequest,
  type SearchResult,
  type Workspace,
  type WorkspaceFolder,
  type WorkspacePath,
  type WriteOutcome,
} from '../core/ports/workspace';
import { normalizeWorkspacePath, PatchError } from '../patch';
import { isInside, realTarget } from './fs-confine';
import { nodeTransactionFs, writeAllOrNothing, type TransactionFs } from './fs-transaction';
import { findRipgrepOnPath, searchWithRipgrep } from './search-ripgrep';
import { walkAndSearch } from './search-walker';

export interface FsWorkspaceOptions {
  /** ripgrep to search with; undefined = look for `rg` on PATH; null = never (use the JavaScript walker). */
  ripgrepPath?: string | null;
  /** The file-system calls writes are made with (tests inject failures). */
  transactionFs?: TransactionFs;
}

export class FsWorkspace implements Workspace {
  readonly root: string;
  readonly folders: readonly WorkspaceFolder[];
  private readonly realRoot: string;
  private ripgrep: Promise<string | null> | undefined;

  constructor(
    root: string,
    private readonly options: FsWorkspaceOptions = {},
  ) {
    this.root = path.resolve(root);
    this.realRoot = realpathSync(this.root);
    this.folders = [{ name: '', root: this.root }];
    if (options.ripgrepPath !== undefined) this.ripgrep = Promise.resolve(options.ripgrepPath);
  }

  async resolve(requested: string): Promise<WorkspacePath> {
    const rel = this.lexical(requested);
    await this.real(rel, requested);
    return rel;
  }

  async canonical(rel: WorkspacePath): Promise<WorkspacePath> {
    return path.relative(this.realRoot, await this.real(rel)).split(path.sep).join('/');
  }

  absolute(rel: WorkspacePath): string {
    this.checkWorkspacePath(rel);
    return rel === '' ? this.root : path.join(this.root, ...rel.split('/'));
  }

  async read(rel: WorkspacePath): Promise<FileRead> {
    const real = await this.real(rel);
    let stat;
    try {
      stat = await fs.stat(real);
    } catch (e) {
      if (isMissing(e)) return { kind: 'missing' };
      throw e;
    }
    if (stat.isDirectory()) return { kind: 'directory' };
    if (!stat.isFile()) return { kind: 'other' };
    // A hard link is the same file under several names, and the others may be outside the workspace
    // (a link to ~/.aws/credentials made before the agent came): its content is not handed out.
    if (stat.nlink > 1) throw new PathOutsideWorkspaceError(rel, 'it is a hard link, and its other names may be outside the workspace');
    return { kind: 'bytes', bytes: await fs.readFile(real) };
  }

  async listDir(rel: WorkspacePath): Promise<DirEntry[]> {
    const entries = await fs.readdir(await this.real(rel), { withFileTypes: true });
    return entries
      .map((e): DirEntry => ({ name: e.name, kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other' }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    await this.real(request.path);
    const limit = Math.max(0, Math.floor(request.limit));
    const rg = await (this.ripgrep ??= findRipgrepOnPath());
    if (rg) return searchWithRipgrep(rg, this.realRoot, { ...request, limit });
    const { found, complete } = await walkAndSearch(this.realRoot, request);
    found.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files: found.slice(0, limit).map((f) => f.path), truncated: !complete || found.length > limit };
  }

  write(changes: FileWrite[]): Promise<WriteOutcome> {
    return writeAllOrNothing(changes, (rel) => this.real(rel), this.options.transactionFs ?? nodeTransactionFs);
  }

  /**
   * The real absolute path a read or write of `rel` reaches, confined like every read and write (a
   * multi-root workspace writes several folders in one transaction through it).
   */
  realPath(rel: WorkspacePath): Promise<string> {
    return this.real(rel);
  }

  /** Lexical confinement; an absolute path may also be spelled through the root's real path. */
  private lexical(requested: string): WorkspacePath {
    if (requested === '') return '';
    try {
      return normalizeWorkspacePath(this.root, requested);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      if (e.kind === 'outsideWorkspace' && this.realRoot !== this.root && path.isAbsolute(requested)) {
        try {
          return normalizeWorkspacePath(this.realRoot, requested);
        } catch {
          // report the first refusal
        }
      }
      throw new PathOutsideWorkspaceError(requested, e.message.replace(/^Path '.*?' is outside the workspace: /, ''));
    }
  }

  /** The real absolute path of a workspace path; refused if it, or a symlink along it, leads outside the root. */
  private async real(rel: WorkspacePath, requested: string = rel): Promise<string> {
    const real = await realTarget(this.absolute(rel));
    if (!isInside(this.realRoot, real)) throw new PathOutsideWorkspaceError(requested, `it leads to ${real} through a symbolic link`);
    return real;
  }

  private checkWorkspacePath(rel: WorkspacePath): void {
    let normal: string;
    try {
      normal = rel === '' ? '' : normalizeWorkspacePath(undefined, rel);
    } catch {
      normal = '\0';
    }
    if (normal !== rel || rel.includes('\\')) throw new PathOutsideWorkspaceError(rel, 'it is not a normalised workspace path');
  }
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
