// The YAML front matter of a `.instructions.md` file — only the flat `key: value` lines VS Code and GitHub
// document for it (`applyTo`, `description`, `name`), quoted or not. src/core takes no YAML dependency for
// three keys; anything else in the block is ignored.

export interface FrontMatter {
  fields: Record<string, string>;
  /** The text after the block (the whole text when there is none). */
  body: string;
}

export function parseFrontMatter(text: string): FrontMatter {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { fields: {}, body: text };
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (!kv) continue;
    let value = kv[2]!;
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    fields[kv[1]!] = value;
  }
  return { fields, body: text.slice(m[0].length) };
}

/** `applyTo`: one glob or several separated by commas ("**", "src/**\/*.ts, **\/*.tsx"). */
export function applyToGlobs(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
}
