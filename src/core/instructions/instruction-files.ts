// Finding and reading the project's instruction files, the way the tools that defined them do:
// - AGENTS.md (Codex, agents.md): the root one applies to everything; one in a folder applies to the files
//   below it, and the nearest one wins where they disagree. In each folder AGENTS.override.md, when
//   present, is read instead of AGENTS.md (as Codex does).
// - .github/copilot-instructions.md (GitHub Copilot): the whole repository.
// - .github/instructions/**/*.instructions.md (VS Code, GitHub Copilot): the files its `applyTo` globs
//   match, relative to the workspace root ("**" = every file); without `applyTo` it is never applied
//   on its own.
// Files are read through the Workspace port (confined: a link out of the workspace is not followed).
// In a multi-root workspace each folder is a root of its own: its AGENTS.md, Copilot file and
// .github/instructions apply to its files, with `applyTo` relative to that folder.
import { decodeFileBytes } from '../../patch';
import type { InstructionSource } from '../../protocol';
import { globToRegExp } from '../approvals/glob';
import type { Workspace } from '../ports/workspace';
import { applyToGlobs, parseFrontMatter } from './front-matter';

export interface InstructionText {
  path: string;
  source: InstructionSource;
  text: string;
}

export interface ScopedInstruction extends InstructionText {
  globs: string[];
  /** The root it belongs to: '' in a one-folder workspace, else its folder's name. */
  root: string;
}

const AGENTS_NAMES = ['AGENTS.override.md', 'AGENTS.md'];
const COPILOT = '.github/copilot-instructions.md';
const INSTRUCTIONS_DIR = '.github/instructions';
/** Bounds on the .github/instructions walk. */
const MAX_INSTRUCTION_FILES = 200;
const MAX_DEPTH = 4;

/** One turn's view of the instruction files: each file read once. */
export class InstructionFiles {
  private readonly agents = new Map<string, Promise<InstructionText | undefined>>();
  private scoped: Promise<ScopedInstruction[]> | undefined;

  /** The roots of the hierarchy: '' for one folder, each folder's name for several. */
  readonly roots: string[];

  constructor(private readonly workspace: Workspace) {
    this.roots = workspace.folders.length > 1 ? workspace.folders.map((f) => f.name) : [''];
  }

  /** The AGENTS.md of one folder ('' = the root), if it has one. */
  agentsIn(dir: string): Promise<InstructionText | undefined> {
    let found = this.agents.get(dir);
    if (!found) {
      found = this.firstOf(AGENTS_NAMES.map((n) => (dir ? `${dir}/${n}` : n)));
      this.agents.set(dir, found);
    }
    return found;
  }

  /** The Copilot instructions of a root ('' or a folder's name). */
  copilot(root: string): Promise<InstructionText | undefined> {
    const path = under(root, COPILOT);
    return this.readText(path).then((text) => (text === undefined ? undefined : { path, source: 'copilot', text }));
  }

  /** Every .instructions.md with its applyTo globs (front matter removed from the text). */
  instructionFiles(): Promise<ScopedInstruction[]> {
    this.scoped ??= this.loadInstructionFiles();
    return this.scoped;
  }

  private async loadInstructionFiles(): Promise<ScopedInstruction[]> {
    const found: { path: string; root: string }[] = [];
    const walk = async (dir: string, depth: number, root: string): Promise<void> => {
      const entries = await this.workspace.listDir(dir).catch(() => []);
      for (const e of entries) {
        if (found.length >= MAX_INSTRUCTION_FILES) return;
        const p = `${dir}/${e.name}`;
        if (e.kind === 'directory' && depth < MAX_DEPTH) await walk(p, depth + 1, root);
        else if (e.kind === 'file' && e.name.endsWith('.instructions.md')) found.push({ path: p, root });
      }
    };
    for (const root of this.roots) await walk(under(root, INSTRUCTIONS_DIR), 0, root);
    const out: ScopedInstruction[] = [];
    for (const { path, root } of found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const text = await this.readText(path);
      if (text === undefined) continue;
      const { fields, body } = parseFrontMatter(text);
      const globs = applyToGlobs(fields.applyTo);
      if (globs.length) out.push({ path, source: 'instructions', text: body, globs, root });
    }
    return out;
  }

  private async firstOf(paths: string[]): Promise<InstructionText | undefined> {
    for (const path of paths) {
      const text = await this.readText(path);
      if (text !== undefined) return { path, source: 'agents', text };
    }
    return undefined;
  }

  /** A file's text; undefined when missing, empty, not UTF-8, or out of reach. */
  private async readText(path: string): Promise<string | undefined> {
    const f = await this.workspace.read(path).catch(() => undefined);
    let text: string | undefined;
    if (f?.kind === 'text') text = f.text;
    else if (f?.kind === 'bytes') {
      const d = decodeFileBytes(f.bytes);
      text = d.ok ? d.text : undefined;
    }
    return text?.trim() ? text.replace(/^\uFEFF/, '') : undefined;
  }
}

/** Does an instruction file of a root apply to a workspace path? Its globs are relative to its root. */
export function appliesInRoot(f: ScopedInstruction, path: string): boolean {
  if (!f.root) return appliesTo(f.globs, path);
  return path.startsWith(`${f.root}/`) && appliesTo(f.globs, path.slice(f.root.length + 1));
}

function under(root: string, rel: string): string {
  return root ? `${root}/${rel}` : rel;
}

/** Does an `applyTo` glob match a workspace path? Relative to the root; "**" matches every file. */
export function appliesTo(globs: readonly string[], path: string): boolean {
  // Anchored at the root, as VS Code reads them (a bare "*.py" is the root's Python files).
  return globs.some((g) => globToRegExp(g === '**' || g.startsWith('/') ? g : `/${g}`).test(path) || (g === '**' && path !== ''));
}

/** The folders from the root's children down to `dir` ('a/b' → ['a', 'a/b']). */
export function foldersDownTo(dir: string): string[] {
  if (!dir) return [];
  const parts = dir.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
