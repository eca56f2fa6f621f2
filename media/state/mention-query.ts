// The `@query` the caret is in, and the text once a suggestion is picked. Pure, so the rules are tested
// as they are: an `@` starts a mention at the start of the text or after a space (not inside an e-mail
// address), and the mention runs to the caret without a space.

export interface MentionAt {
  /** Index of the `@`. */
  start: number;
  /** What follows the `@` up to the caret. */
  query: string;
}

/** The longest query that is still looked up (a longer run of text is not a mention). */
const MAX_QUERY = 200;

export function mentionAt(text: string, caret: number): MentionAt | undefined {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || caret - at - 1 > MAX_QUERY) return undefined;
  if (at > 0 && !/\s/.test(before[at - 1]!)) return undefined;
  const query = before.slice(at + 1);
  if (/\s/.test(query)) return undefined;
  return { start: at, query };
}

/** What a picked mention writes in the draft: `@label`, spaces made underscores so it stays one word. */
export function mentionToken(label: string): string {
  return `@${label.replace(/\s+/g, '_')}`;
}

/** The text with `@query` replaced by `@label ` (a space after it, so typing goes on), and the caret after it. */
export function withMention(text: string, at: MentionAt, label: string): { text: string; caret: number } {
  const end = at.start + 1 + at.query.length;
  const mention = `${mentionToken(label)} `;
  const rest = text.slice(end).replace(/^ /, '');
  return { text: text.slice(0, at.start) + mention + rest, caret: at.start + mention.length };
}
