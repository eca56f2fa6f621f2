// The project instructions of one turn. Those that apply to every file — the root AGENTS.md,
// .github/copilot-instructions.md, .instructions.md files with `applyTo: "**"` — go in the system prompt
// (unchanged from turn to turn, so the prompt cache holds). Those scoped to a folder or a glob — a nested
// AGENTS.md, an .instructions.md whose applyTo matches — are given when the turn first mentions a file
// they cover (in the user's message or attachments) or touches one (a tool reads, lists, searches,
// patches or runs a command there): appended to that message or tool result, once per thread.
// Everything is size-limited, per file and per turn, and what was cut or left out is said — to the model
// and in the turn's `instructions` item, which lists every file used.
import type { Attachment, InstructionFile, ItemOf } from '../../protocol';
import type { ThreadSession } from '../engine/thread-session';
import type { Clock } from '../ports/system';
import type { Workspace } from '../ports/workspace';
import { appliesInRoot, foldersDownTo, InstructionFiles, type InstructionText } from './instruction-files';

/** Characters of one instruction file given to the model (the rest is cut, and the model told). */
export const MAX_INSTRUCTION_FILE_CHARS = 16_000;
/** Characters of instructions given in one turn, all files together. */
export const MAX_INSTRUCTION_TURN_CHARS = 32_000;
/** Below this much room left, a file is left out rather than cut to a stub. */
const MIN_USEFUL_CHARS = 400;
/** Paths looked up from the user's words, at most. */
const MAX_MENTIONS = 20;
/** Folders deep that a nested AGENTS.md is looked for (a path 900 folders deep is not walked). */
const MAX_FOLDER_DEPTH = 24;
/** Targets of one tool call looked at (a patch touching hundreds of files gets the first ones' instructions). */
const MAX_TARGETS = 50;

export interface InstructionDeps {
  workspace: Workspace;
  clock: Clock;
}

/** A path the turn mentions or touches; a folder's instructions are those of the folders down to it. */
export interface Target {
  path: string;
  isDir: boolean;
}

interface Found {
  file: InstructionText;
  appliesTo: string;
}

const EVERY_FILE = 'every file';
const WHOLE_WORKSPACE = 'the whole workspace';

/** Scoped files already given in a thread (per engine: after a restart, the thread's items say which). */
const givenByThread = new WeakMap<ThreadSession, Set<string>>();
const currentTurn = new WeakMap<ThreadSession, TurnInstructions>();

export class TurnInstructions {
  private readonly files: InstructionFiles;
  private readonly used: InstructionFile[] = [];
  private readonly leftOut: string[] = [];
  private budget = MAX_INSTRUCTION_TURN_CHARS;
  private announced = false;
  system = '';

  private constructor(
    private readonly deps: InstructionDeps,
    private readonly session: ThreadSession,
    private readonly turnId: string,
    private readonly given: Set<string>,
  ) {
    this.files = new InstructionFiles(deps.workspace);
  }

  /** Starts a turn: the system prompt's part, and what applies to the files the user's message names. */
  static async begin(deps: InstructionDeps, session: ThreadSession, turnId: string, text: string, attachments: Attachment[]): Promise<{ turn: TurnInstructions; userNote: string }> {
    const turn = new TurnInstructions(deps, session, turnId, givenIn(session));
    currentTurn.set(session, turn);
    const always: Found[] = [];
    // Each root's own (one folder: the workspace's; several: each folder's, for the files under it).
    for (const root of turn.files.roots) {
      const scope = root ? `files under ${root}/` : WHOLE_WORKSPACE;
      const agents = await turn.files.agentsIn(root);
      if (agents) always.push({ file: agents, appliesTo: scope });
      const copilot = await turn.files.copilot(root);
      if (copilot) always.push({ file: copilot, appliesTo: scope });
    }
    for (const f of await turn.files.instructionFiles()) if (f.globs.includes('**')) always.push({ file: f, appliesTo: f.root ? `every file under ${f.root}/` : EVERY_FILE });
    const sections = always.map((f) => turn.take(f)).filter((s): s is string => !!s);
    if (turn.leftOut.length) sections.push(`[Also applies, left out to fit the size limit — read it: ${turn.leftOut.join(', ')}]`);
    turn.system = systemSection(sections);
    const userNote = await turn.noteFor(await mentionedTargets(deps.workspace, text, attachments));
    return { turn, userNote };
  }

  /** The instructions for what a tool call touched, to append to its result ('' when nothing new applies). */
  static async forTool(session: ThreadSession, targets: Target[]): Promise<string> {
    const turn = currentTurn.get(session);
    return turn && targets.length ? turn.noteFor(targets) : '';
  }

  /** The turn's `instructions` item, once the user's message is shown (and again when files are added). */
  async announce(): Promise<void> {
    this.announced = true;
    await this.publish();
  }

  private async publish(): Promise<void> {
    if (!this.announced || (!this.used.length && !this.leftOut.length)) return;
    const item: ItemOf<'instructions'> = {
      id: `instr_${this.turnId}`,
      turnId: this.turnId,
      createdAt: this.deps.clock.now(),
      type: 'instructions',
      files: [...this.used],
      ...(this.leftOut.length ? { notice: `Left out to stay within ${MAX_INSTRUCTION_TURN_CHARS.toLocaleString('en-US')} characters of instructions per turn: ${this.leftOut.join(', ')}.` } : {}),
    };
    await this.session.completed(item);
  }

  private async noteFor(targets: Target[]): Promise<string> {
    const found: Found[] = [];
    const seen = new Set<string>();
    const add = (file: InstructionText | undefined, appliesTo: string) => {
      if (!file || seen.has(file.path) || this.given.has(file.path)) return;
      seen.add(file.path);
      found.push({ file, appliesTo });
    };
    for (const t of targets.slice(0, MAX_TARGETS)) {
      const dir = t.isDir ? t.path : t.path.split('/').slice(0, -1).join('/');
      // Root first, deepest last: the nearest one is read last and wins.
      // A root's own AGENTS.md is in the system prompt already (a folder's, in a multi-root workspace).
      for (const folder of foldersDownTo(dir).slice(0, MAX_FOLDER_DEPTH)) if (!this.files.roots.includes(folder)) add(await this.files.agentsIn(folder), t.path);
      if (!t.isDir) for (const f of await this.files.instructionFiles()) if (!f.globs.includes('**') && appliesInRoot(f, t.path)) add(f, t.path);
    }
    if (!found.length) return '';
    const before = this.leftOut.length;
    const sections = found.map((f) => this.take(f)).filter((s): s is string => !!s);
    for (const f of found) this.given.add(f.file.path);
    await this.publish();
    const left = this.leftOut.slice(before);
    if (!sections.length && !left.length) return '';
    return [
      '',
      `[Project instructions for ${[...new Set(found.map((f) => f.appliesTo))].join(', ')}: follow them for the files they cover. An AGENTS.md deeper in the tree takes precedence over those above it, the user's own words over all of them.]`,
      ...sections,
      ...(left.length ? [`[Also applies, left out to fit the size limit — read it: ${left.join(', ')}]`] : []),
    ].join('\n');
  }

  /** The text given for one file (cut to the limits), recorded as used; undefined when left out. */
  private take(f: Found): string | undefined {
    const limit = Math.min(MAX_INSTRUCTION_FILE_CHARS, this.budget);
    if (limit < MIN_USEFUL_CHARS && f.file.text.length > limit) {
      this.leftOut.push(f.file.path);
      return undefined;
    }
    const text = f.file.text.trim();
    const truncated = text.length > limit;
    const body = truncated ? `${text.slice(0, limit)}\n[… cut at ${limit.toLocaleString('en-US')} characters: read ${f.file.path} for the rest]` : text;
    this.budget -= Math.min(text.length, limit);
    this.used.push({ path: f.file.path, source: f.file.source, appliesTo: f.appliesTo, bytes: text.length, truncated });
    const scope =
      f.file.source === 'agents'
        ? f.file.path.includes('/')
          ? `files under ${f.file.path.split('/').slice(0, -1).join('/')}/`
          : WHOLE_WORKSPACE
        : f.appliesTo === WHOLE_WORKSPACE || f.appliesTo === EVERY_FILE || /^(every file|files) under /.test(f.appliesTo)
          ? f.appliesTo
          : 'the files its applyTo matches';
    return `--- ${f.file.path} (applies to ${scope}) ---\n${body}`;
  }
}

function systemSection(sections: string[]): string {
  if (!sections.length) return '';
  return `\n\nProject instructions, to follow unless the user says otherwise. An AGENTS.md in a subfolder applies to the files below it and takes precedence over those above it; such files are given to you when you work on those files.\n${sections.join('\n')}`;
}

function givenIn(session: ThreadSession): Set<string> {
  let given = givenByThread.get(session);
  if (!given) {
    given = new Set<string>();
    for (const item of session.state.items) {
      if (item.type !== 'instructions') continue;
      for (const f of item.files) if (f.appliesTo !== WHOLE_WORKSPACE && f.appliesTo !== EVERY_FILE) given.add(f.path);
    }
    givenByThread.set(session, given);
  }
  return given;
}

/** The files and folders the user's message names: its attachments, and path-like words that exist. */
async function mentionedTargets(workspace: Workspace, text: string, attachments: Attachment[]): Promise<Target[]> {
  const words = [...attachments.flatMap((a) => ('path' in a ? [a.path] : [])), ...(text.match(/[\w.@-]*[\w@-]\/[\w./@-]*[\w@-]|[\w@-]+\.[A-Za-z][\w]{0,7}\b/g) ?? [])];
  const out: Target[] = [];
  const seen = new Set<string>();
  for (const word of words.slice(0, MAX_MENTIONS)) {
    const path = await workspace.resolve(word).catch(() => undefined);
    if (path === undefined || path === '' || seen.has(path)) continue;
    seen.add(path);
    const f = await workspace.read(path).catch(() => undefined);
    if (f && f.kind !== 'missing' && f.kind !== 'other') out.push({ path, isDir: f.kind === 'directory' });
  }
  return out;
}
