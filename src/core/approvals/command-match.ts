// Matching commands against crosswind.commands.allow / .deny entries ("git status", "rm -rf /").
// Allow entries are strict: the line must be one plain command whose first words are exactly the
// entry's. Deny entries are broad: an entry matches any command the line runs that has the entry's
// program name and all of its other words in any order, short flags compared letter by letter (so
// "rm -rf /" also stops `rm -f -r /`); a word only known when it runs might be any of them.
import type { Word } from './command-wrappers';

export type DenyMatch = 'yes' | 'maybe' | 'no';

function tokens(entry: string): string[] {
  return entry.trim().split(/\s+/).filter(Boolean);
}

export function allowMatches(plain: readonly string[], entry: string): boolean {
  const t = tokens(entry);
  return t.length > 0 && t.length <= plain.length && t.every((w, i) => plain[i] === w);
}

/** Short-option letters (-rf → r, f); long options and other words are not split. */
function shortFlags(word: string): string[] | undefined {
  return /^-[A-Za-z0-9]+$/.test(word) ? [...word.slice(1)] : undefined;
}

export function denyMatches(command: readonly Word[], entry: string): DenyMatch {
  const [name, ...rest] = tokens(entry);
  const cmd = command[0];
  if (!name) return 'no';
  let result: DenyMatch = 'yes';
  if (cmd === null || cmd === undefined) result = 'maybe';
  else if (cmd !== name && !cmd.startsWith(`${name}.`)) return 'no';
  const args = command.slice(1);
  const unknown = args.some((a) => a === null);
  const known = args.filter((a): a is string => a !== null);
  const letters = new Set(known.flatMap((a) => shortFlags(a) ?? []));
  for (const t of rest) {
    const flags = shortFlags(t);
    const found = flags ? flags.every((f) => letters.has(f)) : known.includes(t);
    if (found) continue;
    if (!unknown) return 'no';
    result = 'maybe';
  }
  return result;
}
