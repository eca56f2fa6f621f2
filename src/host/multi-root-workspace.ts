// The Workspace port over several folders (a VS Code multi-root workspace, `crosswind exec --add-dir`).
// Every path starts with its folder's name ('api/src/index.ts'); each call is routed by that first segment
// to the folder's own FsWorkspace — so each folder keeps its own confinement (no '..', no symlink out of
// the folder, not even into another folder) — and what comes back is prefixed again. '' is the folders'
// parent: it lists the folders and is searched as all of them. A write touching several folders is one
// transaction: all files in every folder, or none.
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
import path from 'node:path';
import { normalizeInFolders, PatchError } from '../patch';
import { uniqueFolderNames } from '../shared';
import { FsWorkspace, type FsWorkspaceOptions } from './fs-workspace';
import { nodeTransactionFs, writeAllOrNothing, type TransactionFs } from './fs-transaction';

export interface NamedFsFolder {
  /** Unique among the folders (src/shared uniqueFolderNames). */
  name: string;
  workspace: FsWorkspace;
}

export class MultiRootWorkspace implements Workspace {
  readonly folders: readonly WorkspaceFolder[];
  private readonly byName: Map<string, FsWorkspace>;

  constructor(
    private readonly parts: readonly NamedFsFolder[],
    private readonly transactionFs: TransactionFs = nodeTransactionFs,
  ) {
    if (parts.length < 2) throw new Error('A multi-root workspace has at least two folders');
    this.byName = new Map(parts.map((p) => [p.name, p.workspace]));
    if (this.byName.size !== parts.length) throw new Error(`Workspace folder names must be unique: ${parts.map((p) => p.name).join(', ')}`);
    this.folders = parts.map((p) => ({ name: p.name, root: p.workspace.root }));
  }

  get root(): string {
    return this.parts[0]!.workspace.root;
  }

  async resolve(requested: string): Promise<WorkspacePath> {
    let rel: WorkspacePath;
    try {
      rel = requested === '' ? '' : normalizeInFolders(this.folders, requested);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      // An absolute path spelled through a folder's real path (a symlinked root) is that folder's to judge.
      for (const p of isAbsolute(requested) ? this.parts : []) {
        const inFolder = await p.workspace.resolve(requested).catch(() => undefined);
        if (inFolder !== undefined) return join(p.name, inFolder);
      }
      throw new PathOutsideWorkspaceError(requested, e.message.replace(/^Path '.*?' is outside the workspace: /, ''));
    }
    const at = this.route(rel);
    if (at) await at.workspace.resolve(at.rest);
    return rel;
  }

  async canonical(rel: WorkspacePath): Promise<WorkspacePath> {
    const at = this.route(rel);
    return at ? join(at.name, await at.workspace.canonical(at.rest)) : '';
  }

  absolute(rel: WorkspacePath): string {
    const at = this.route(rel);
    if (!at) throw new PathOutsideWorkspaceError(rel, `the root of a multi-root workspace is no folder on disk; name one of ${this.names()}`);
    return at.workspace.absolute(at.rest);
  }

  async read(rel: WorkspacePath): Promise<FileRead> {
    const at = this.route(rel);
    return at ? at.workspace.read(at.rest) : { kind: 'directory' };
  }

  async listDir(rel: WorkspacePath): Promise<DirEntry[]> {
    const at = this.route(rel);
    if (!at) return this.parts.map((p) => ({ name: p.name, kind: 'directory' }));
    return at.workspace.listDir(at.rest);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const at = this.route(request.path);
    if (at) {
      const r = await at.workspace.search({ ...request, path: at.rest });
      return { files: r.files.map((f) => join(at.name, f)), truncated: r.truncated };
    }
    // Every folder, each most recent first; interleaved so that one busy folder does not hide the others.
    const results = await Promise.all(this.parts.map(async (p) => ({ name: p.name, r: await p.workspace.search({ ...request, path: '' }) })));
    const files: WorkspacePath[] = [];
    let truncated = results.some((x) => x.r.truncated);
    const longest = Math.max(...results.map((x) => x.r.files.length));
    for (let i = 0; i < longest; i++) {
      for (const { name, r } of results) {
        const f = r.files[i];
        if (f === undefined) continue;
        if (files.length >= request.limit) truncated = true;
        else files.push(join(name, f));
      }
    }
    return { files, truncated };
  }

  async write(changes: FileWrite[]): Promise<WriteOutcome> {
    // One transaction over every folder: each path's target is confined by its own folder.
    return writeAllOrNothing(
      changes,
      async (rel) => {
        const at = this.route(rel);
        if (!at) throw new PathOutsideWorkspaceError(rel, 'it is the root of a multi-root workspace, not a file');
        return at.workspace.realPath(at.rest);
      },
      this.transactionFs,
    );
  }

  /** The folder a path is in and the path inside it; undefined for ''; refused when no folder has that name. */
  private route(rel: WorkspacePath): { name: string; workspace: FsWorkspace; rest: WorkspacePath } | undefined {
    if (rel === '') return undefined;
    const slash = rel.indexOf('/');
    const name = slash < 0 ? rel : rel.slice(0, slash);
    const workspace = this.byName.get(name);
    if (!workspace) throw new PathOutsideWorkspaceError(rel, `'${name}' is not a workspace folder; paths start with a folder's name (${this.names()})`);
    return { name, workspace, rest: slash < 0 ? '' : rel.slice(slash + 1) };
  }

  private names(): string {
    return this.parts.map((p) => p.name).join(', ');
  }
}

function isAbsolute(p: string): boolean {
  return path.isAbsolute(p) || path.win32.isAbsolute(p);
}

function join(name: string, rest: WorkspacePath): WorkspacePath {
  return rest === '' ? name : `${name}/${rest}`;
}

/**
 * The workspace over these folders: one folder is a plain FsWorkspace (paths without a prefix, as always);
 * several are a MultiRootWorkspace, named by uniqueFolderNames.
 */
export function folderWorkspace(folders: readonly { name: string; root: string }[], options: FsWorkspaceOptions = {}): Workspace {
  if (folders.length === 0) throw new Error('A workspace has at least one folder');
  if (folders.length === 1) return new FsWorkspace(folders[0]!.root, options);
  const names = uniqueFolderNames(folders.map((f) => f.name));
  return new MultiRootWorkspace(
    folders.map((f, i) => ({ name: names[i]!, workspace: new FsWorkspace(f.root, options) })),
    options.transactionFs,
  );
}
