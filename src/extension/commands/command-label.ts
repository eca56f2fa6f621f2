// What the conversation shows as the user's message when an editor command starts a turn: the command and
// where it applies ("Explain stats.js:8–10"), not the prompt the model is sent. Pure: no vscode import.
import type { Attachment } from '../../protocol';

/** "stats.js:8–10" for a selection (one line: "stats.js:8"), "stats.js" for a file. */
export function placeOf(a: Extract<Attachment, { path: string }>): string {
  const name = a.path.slice(a.path.lastIndexOf('/') + 1) || a.path;
  if (a.type !== 'selection') return name;
  return a.startLine === a.endLine ? `${name}:${a.startLine}` : `${name}:${a.startLine}–${a.endLine}`;
}

/** "Explain stats.js:8–10", "Refactor stats.js:8–10: return 0 for an empty list". */
export function commandLabel(verb: string, where: Extract<Attachment, { path: string }>, detail?: string): string {
  return `${verb} ${placeOf(where)}${detail ? `: ${detail}` : ''}`;
}
