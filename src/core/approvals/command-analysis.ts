// What a command line really runs, for the command policy. The model's argv is parsed when it is a
// shell script (`bash -lc "…"`) with a real shell parser (the Shell port), every simple command is
// collected wherever it hides, and wrappers are seen through (env, sudo, nice, xargs, find -exec,
// sh -c and eval bodies, parsed in turn). What cannot be seen into — a script that does not parse, a
// command name held in a variable, python -c code — is reported, so the policy can ask instead of
// guessing.
import type { ShellParser } from '../ports/shell';
import { commandName, unwrap, type Word } from './command-wrappers';

export interface CommandAnalysis {
  /** Every command the line runs, wrappers and what they wrap alike; names reduced to the program's (/bin/rm → rm). */
  commands: Word[][];
  /** Why part of the line could not be seen into; undefined when all of it was. */
  unseen?: string;
  /** When the line is exactly one plain command (no substitution, redirection, background, list or compound part): its words. */
  plain?: string[];
}

/** Wrappers inside wrappers beyond this depth are not followed (they ask). */
const MAX_DEPTH = 8;

export async function analyzeCommand(argv: readonly string[], parser: ShellParser): Promise<CommandAnalysis> {
  const out: CommandAnalysis = { commands: [] };
  const unseen = (why: string) => (out.unseen ??= why);

  const examine = async (words: Word[], depth: number): Promise<void> => {
    if (words.length === 0) return;
    if (depth > MAX_DEPTH) return void unseen('it nests commands too deeply to follow');
    const name = commandName(words[0] ?? null);
    if (name === null) unseen('the name of a command it runs is only known when it runs');
    out.commands.push([name, ...words.slice(1)]);
    const inner = unwrap(words);
    switch (inner.kind) {
      case 'command':
        return examine(inner.words, depth + 1);
      case 'commands':
        for (const c of inner.commands) await examine(c, depth + 1);
        return;
      case 'script':
        return script(inner.script, inner.via, depth + 1);
      case 'opaque':
        return void unseen(inner.reason);
      case 'none':
        return;
    }
  };

  const script = async (text: Word, via: string, depth: number): Promise<void> => {
    if (text === null) return void unseen(`the script given to ${via} is only known when it runs`);
    const parsed = await parser.parse(text);
    if (!parsed.ok) unseen(`the script given to ${via} could not be parsed`);
    for (const c of parsed.commands) await examine(c.words, depth);
  };

  await examine([...argv], 0);
  out.plain = await plainWords(argv, parser);
  return out;
}

/** The words of a line that is one plain command: argv itself, or the one command of a `bash -lc` script. */
async function plainWords(argv: readonly string[], parser: ShellParser): Promise<string[] | undefined> {
  const inner = unwrap([...argv]);
  if (inner.kind === 'none') return [...argv];
  if (inner.kind !== 'script' || !/ -c$/.test(inner.via) || inner.script === null) return undefined;
  const parsed = await parser.parse(inner.script);
  if (!parsed.single) return undefined;
  const words = parsed.commands[0]?.words;
  if (!words || words.some((w) => w === null)) return undefined;
  const plain = words as string[];
  // A shell running a wrapper (`bash -c "env …"`) is not a plain command either.
  return unwrap(plain).kind === 'none' ? plain : undefined;
}
