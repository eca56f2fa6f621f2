// What a hunk is about, for a person reviewing it: the declaration it changes ("function mean(values)",
// "class Parser", "def load(self, path)", "## Install"), or the one it adds — instead of `@@ -36,5 +36,5 @@`.
// Named from the file's text alone, with heuristics that hold across languages: the nearest line above the
// change that is less indented than the change and reads as a declaration (a function, method, class…,
// its brace on the next line included); headings in Markdown. A change at the top level of a file, in
// nothing, is in no scope; if it adds a declaration, it is named by that.
import type { PlannedFile, PlannedHunk } from './types';

export interface HunkScope {
  /** within: the change is inside (or is) this declaration. adds: it adds this declaration. */
  kind: 'within' | 'adds';
  /** The declaration's line, trimmed of its body's opening ("function mean(values)"). */
  name: string;
}

/** Lines looked at above a change: far enough for any real function, bounded for a huge one. */
const MAX_SCAN = 2000;
const MAX_NAME = 80;

const CONTROL = /^(?:if|else|elif|for|foreach|while|do|switch|case|default|try|catch|except|finally|return|throw|raise|with|unless|until|loop|match|select|when|using|lock|yield|await|new|delete|import|from|package|goto|break|continue|echo|print)\b/;
const MODIFIERS = String.raw`(?:(?:export|default|public|private|protected|internal|static|abstract|final|sealed|override|virtual|async|extern|inline|unsafe|pub(?:\([^)]*\))?|open|data|suspend|partial|readonly|declare|local|fileprivate)\s+)*`;
const KEYWORD_DECLARATION = new RegExp(
  String.raw`^${MODIFIERS}(?:function\*?|class|interface|enum|struct|union|trait|impl|module|namespace|def|defp|fn|func|fun|sub|procedure|record|object|protocol|extension|mod|macro_rules!|type\s+[\w$]+\s*(?:<[^>]*>)?\s*=\s*\{)(?=[\s({<:]|$)`,
);
const ASSIGNED_FUNCTION = /^(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>|[\w$]+\s*=>)/;
/** `name(args) {`, `int main(void) {`, `public Foo bar(int x) throws E {`, `get size(): number {`. */
const SIGNATURE = new RegExp(
  String.raw`^(?:(?:public|private|protected|internal|static|abstract|final|override|virtual|async|get|set|synchronized|native|const|constexpr|inline|unsafe)\s+)*(?:[\w$<>\[\],.?*&:]+\s+)*[\w$~]+\s*\([^;]*\)\s*(?:const\s*)?(?:->\s*[^{;]+|:\s*[^{=;]+|throws\s+[\w., ]+)?\s*`,
);
/** A test block names its subject: describe('parser', () => {. */
const TEST_BLOCK = /^(?:describe|context|suite|it|test)(?:\.\w+)?\s*\(\s*(['"`])(.+?)\1/;
const HEADING = /^(#{1,6})\s+\S/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The line as a scope's name, if it reads as a declaration; `braceNext`: its `{` is on the next line. */
function declarationName(line: string, braceNext = false): string | undefined {
  const t = line.trim();
  if (!t || CONTROL.test(t) || t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) return undefined;
  const test = TEST_BLOCK.exec(t);
  if (test) return clip(`${t.slice(0, t.indexOf('('))}(${test[1]}${test[2]}${test[1]})`);
  const isDeclaration =
    KEYWORD_DECLARATION.test(t) ||
    ASSIGNED_FUNCTION.test(t) ||
    (SIGNATURE.test(t) && (braceNext ? !/[;{]\s*$/.test(t) : /\{\s*$/.test(t)) && !/^[\w$.]+\s*=/.test(t));
  return isDeclaration ? clip(t) : undefined;
}

function clip(t: string): string {
  const name = t
    .replace(/\s*(?:=>)?\s*\{\s*$/, '')
    .replace(/\s*:\s*$/, '')
    .replace(/\s+/g, ' ');
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/** Where the hunk's change starts in the old text (0-based), and its first changed line. */
function firstChange(hunk: PlannedHunk): { at: number; line: string; removed: boolean } | undefined {
  let at = Math.max(0, hunk.oldStart - 1);
  for (const l of hunk.lines) {
    if (l.startsWith(' ')) at++;
    else if (l.startsWith('+') || l.startsWith('-')) return { at, line: l.slice(1), removed: l.startsWith('-') };
  }
  return undefined;
}

function enclosing(old: readonly string[], at: number, indent: number): string | undefined {
  let threshold = indent;
  const stop = Math.max(0, at - MAX_SCAN);
  for (let i = at - 1; i >= stop && threshold > 0; i--) {
    const line = old[i]!;
    if (!line.trim()) continue;
    const lineIndent = indentOf(line);
    if (lineIndent >= threshold) continue;
    // A brace on its own line opens the declaration above it (C, C#, Java in Allman style).
    if (/^\s*\{\s*$/.test(line)) {
      let j = i - 1;
      while (j >= stop && !old[j]!.trim()) j--;
      const above = j >= stop ? old[j]! : '';
      const name = indentOf(above) === lineIndent ? declarationName(above, true) : undefined;
      if (name) return name;
      threshold = lineIndent;
      continue;
    }
    const name = declarationName(line);
    if (name) return name;
    threshold = lineIndent;
  }
  return undefined;
}

function heading(old: readonly string[], at: number): string | undefined {
  for (let i = at - 1; i >= Math.max(0, at - MAX_SCAN); i--) if (HEADING.test(old[i]!)) return clip(old[i]!.trim());
  return undefined;
}

/** The first declaration a hunk adds, among its least indented added lines. */
function added(hunk: PlannedHunk): string | undefined {
  const lines = hunk.lines.filter((l) => l.startsWith('+') && l.slice(1).trim()).map((l) => l.slice(1));
  const least = Math.min(...lines.map(indentOf));
  for (const l of lines) {
    if (indentOf(l) !== least) continue;
    const name = declarationName(l);
    if (name) return name;
  }
  return undefined;
}

function scopeOf(path: string, old: readonly string[], hunk: PlannedHunk): HunkScope | undefined {
  const change = firstChange(hunk);
  if (!change) return undefined;
  if (/\.(md|markdown|mdx)$/i.test(path)) {
    const name = (change.removed && HEADING.test(change.line) ? clip(change.line.trim()) : undefined) ?? heading(old, change.at);
    if (name) return { kind: 'within', name };
    const adds = hunk.lines.find((l) => l.startsWith('+') && HEADING.test(l.slice(1)));
    return adds ? { kind: 'adds', name: clip(adds.slice(1).trim()) } : undefined;
  }
  // A changed declaration line names itself (a renamed function, a new parameter).
  if (change.removed) {
    const own = declarationName(change.line) ?? declarationName(change.line, true);
    if (own) return { kind: 'within', name: own };
  }
  // The change's indentation: its first non-blank changed line, else the line it sits before.
  const changed = hunk.lines.find((l) => (l.startsWith('+') || l.startsWith('-')) && l.slice(1).trim());
  const indent = changed ? indentOf(changed.slice(1)) : indentOf(old[change.at] ?? '');
  const within = enclosing(old, change.at, indent);
  if (within) return { kind: 'within', name: within };
  const adds = added(hunk);
  return adds ? { kind: 'adds', name: adds } : undefined;
}

const cache = new WeakMap<PlannedFile, (HunkScope | undefined)[]>();

/** Each hunk's scope, by position in `file.hunks` (computed once per planned file). */
export function hunkScopes(file: PlannedFile): (HunkScope | undefined)[] {
  let scopes = cache.get(file);
  if (!scopes) {
    if (file.kind !== 'update' || file.oldText === null) scopes = file.hunks.map(() => undefined);
    else {
      const old = file.oldText.split(/\r?\n/);
      scopes = file.hunks.map((h) => scopeOf(file.path, old, h));
    }
    cache.set(file, scopes);
  }
  return scopes;
}
