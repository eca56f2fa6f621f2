// Output the model and the views are given is bounded the same way wherever it comes from (a command's
// output stream, an MCP tool's result): the head and the tail are kept, the middle is left out and the
// text says how much.

/** The line that stands for what was left out between the head and the tail. */
export function elidedNote(dropped: number): string {
  return `\n[… ${dropped} characters of output left out …]\n`;
}

/** `text` cut to its first and last `max/2` characters when longer than `max`. */
export function keepHeadAndTail(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const half = Math.floor(max / 2);
  const dropped = text.length - 2 * half;
  return { text: text.slice(0, half) + elidedNote(dropped) + text.slice(text.length - half), truncated: true };
}
