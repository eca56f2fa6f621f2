// The user's edits of a pending patch's proposal (patch/edit). Each is kept with the text of the file it
// was made against: the patch is always matched again against the files as they are now, and an edit is
// laid over that plan only while the file still holds that text — never over a change made since.
import { withProposedText, type PatchPlan } from '../../patch';

export interface UserEdit {
  /** The file's text the edit was made against (null: the patch adds the file). */
  base: string | null;
  /** The model's proposed text of the file when the user edited it. */
  proposed: string;
  /** What the user made of it. */
  text: string;
}

/** The plan with each edit laid over its file; `conflicts` names the edited files that changed since. */
export function applyUserEdits(plan: PatchPlan, edits: ReadonlyMap<string, UserEdit>): { plan: PatchPlan; conflicts: string[] } {
  if (edits.size === 0) return { plan, conflicts: [] };
  const conflicts: string[] = [];
  const files = plan.files.map((f) => {
    const edit = edits.get(f.path);
    if (!edit) return f;
    if (f.oldText !== edit.base || f.newText === null) {
      conflicts.push(f.path);
      return f;
    }
    return withProposedText(f, edit.text);
  });
  return { plan: { ...plan, files }, conflicts };
}
