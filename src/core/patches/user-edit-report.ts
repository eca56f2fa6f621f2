// What the model is told when the user edited its proposal before applying it: per file, a unified diff
// from the model's proposed text to the user's, so its next steps build on what is really in the files.
// Size-capped: a user who rewrote a large file gets the start of the diff and a pointer to the file.
import { textDiff } from '../../patch';

/** The most characters of diff the model is sent for one apply_patch call's user edits. */
export const MAX_USER_EDIT_REPORT_CHARS = 8_000;

export function describeUserEdits(edits: readonly { path: string; proposed: string; edited: string }[], limit = MAX_USER_EDIT_REPORT_CHARS): string {
  const diffs = edits.map((e) => ({ path: e.path, diff: textDiff(e.path, e.proposed, e.edited) })).filter((d) => d.diff);
  if (!diffs.length) return '';
  const lead = `The user edited your proposed change before applying it, so the files hold their version, not yours. What they changed in your proposal (${diffs.map((d) => d.path).join(', ')}):`;
  let body = diffs.map((d) => d.diff.trimEnd()).join('\n');
  if (body.length > limit) {
    const cut = body.lastIndexOf('\n', limit);
    body = `${body.slice(0, cut > 0 ? cut : limit)}\n[… the rest of the diff (${(body.length - (cut > 0 ? cut : limit)).toLocaleString('en-US')} more characters) is left out; read the file(s) to see them.]`;
  }
  return `${lead}\n${body}\nDo not undo the user's changes unless they ask.`;
}
