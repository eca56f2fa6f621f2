// Shell scripts parsed with tree-sitter-bash (web-tree-sitter, WebAssembly: no native addon), for the
// command policy: which simple commands a script runs, wherever they hide (substitutions, subshells,
// pipelines, lists, loops, function bodies), with each word's value when it is fixed in the text —
// quotes removed, backslashes resolved, $'…' decoded — and null when only the running shell knows it.
// The grammar files ship beside the bundle (dist/); from source they come from node_modules.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';
import type { ParsedCommand, ParsedScript, ShellParser } from '../core/ports/shell';

/** Longer scripts are not analysed (they ask). */
const MAX_SCRIPT_CHARS = 64 * 1024;

function wasmPath(file: string, pkg: string): string {
  const bundled = path.join(__dirname, file);
  if (existsSync(bundled)) return bundled;
  return require.resolve(`${pkg}/${file}`);
}

let loaded: Promise<Parser> | undefined;

function parser(): Promise<Parser> {
  loaded ??= (async () => {
    const runtime = wasmPath('tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init({ locateFile: () => runtime });
    const bash = await Language.load(readFileSync(wasmPath('tree-sitter-bash.wasm', 'tree-sitter-bash')));
    return new Parser().setLanguage(bash);
  })();
  return loaded;
}

export class BashParser implements ShellParser {
  async parse(script: string): Promise<ParsedScript> {
    if (script.length > MAX_SCRIPT_CHARS) return { ok: false, commands: [], single: false };
    const tree = (await parser()).parse(script);
    if (!tree) return { ok: false, commands: [], single: false };
    try {
      const root = tree.rootNode;
      const commands: ParsedCommand[] = [];
      collect(root, commands);
      return { ok: !root.hasError, commands, single: !root.hasError && isSingle(root) };
    } finally {
      tree.delete();
    }
  }
}

function collect(node: Node, into: ParsedCommand[]): void {
  if (node.type === 'command') {
    const name = node.childForFieldName('name');
    if (name) into.push({ words: [wordValue(name.firstNamedChild ?? name), ...node.childrenForFieldName('argument').map(wordValue)] });
  }
  for (const child of node.namedChildren) if (child) collect(child, into);
}

/** The whole script is one plain command: `git status`, never `git status > f`, `git status &`, `X=1 git status`, `git $(…)`. */
function isSingle(root: Node): boolean {
  const parts = root.children.filter((c): c is Node => !!c && c.type !== 'comment' && c.type !== ';' && c.type !== '\n');
  if (parts.length !== 1 || parts[0]!.type !== 'command') return false;
  const command = parts[0]!;
  for (const child of command.namedChildren) {
    if (!child) continue;
    if (child.type !== 'command_name' && !command.childrenForFieldName('argument').some((a) => a?.id === child.id)) return false;
  }
  const name = command.childForFieldName('name');
  const words = [name?.firstNamedChild ?? name, ...command.childrenForFieldName('argument')];
  return words.every((w) => !!w && wordValue(w) !== null);
}

const GLOB = /[*?[]/;

/** The value a word has when the command receives it, or null when it depends on the running shell. */
function wordValue(node: Node | null): string | null {
  if (!node) return null;
  switch (node.type) {
    case 'word': {
      const text = node.text;
      // Unquoted globs, ~ and brace lists expand; a backslash keeps the next character literal.
      const unescaped = text.replace(/\\\n/g, '');
      if (/^~/.test(unescaped) || hasUnescaped(unescaped, GLOB) || (hasUnescaped(unescaped, /\{/) && /,|\.\./.test(unescaped))) return null;
      return unescaped.replace(/\\(.)/gs, '$1');
    }
    case 'number':
      return node.text;
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string':
    case 'translated_string': {
      let out = '';
      for (const part of node.namedChildren) {
        if (!part) continue;
        if (part.type !== 'string_content') return null;
        out += part.text.replace(/\\([$`"\\\n])/g, (_m, c: string) => (c === '\n' ? '' : c));
      }
      return out;
    }
    case 'ansi_c_string':
      return decodeAnsiC(node.text.slice(2, -1));
    case 'concatenation': {
      let out = '';
      for (const part of node.namedChildren) {
        const v = wordValue(part);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      return null;
  }
}

function hasUnescaped(text: string, re: RegExp): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (re.test(text[i]!)) return true;
  }
  return false;
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** $'…': the escapes bash decodes; null for the rare ones (\c, \u) rather than a wrong guess. */
function decodeAnsiC(body: string): string | null {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === undefined) return null;
    if (n in ANSI_C) out += ANSI_C[n];
    else if (n === 'x') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1))?.[0];
      if (!hex) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      i += hex.length;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else return null;
  }
  return out;
}
