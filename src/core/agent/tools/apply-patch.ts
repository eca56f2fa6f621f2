// apply_patch: a patch becomes a pending fileChange item. The approval policy applies it at once, or it
// waits for the user's review (sidebar or diff editor, hunk by hunk): the item says why, and the tool
// waits for the patch to settle in the PatchManager — the views settle it through the patch/* requests,
// the only way a decision reaches the engine. The result tells the model exactly what happened: applied,
// partly applied, rejected, stale, or why it did not match — and, when the user edited the proposal
// before applying it, what they changed.
import type { ItemOf, PatchView } from '../../../protocol';
import { isPatchError } from '../../../patch';
import { decidePatch } from '../../approvals/policy';
import { isPackageJson, packageScriptsChanged, runsCodeLater } from '../../approvals/runs-code-later';
import { describePatchError } from '../../patches/patch-errors';
import { describeUserEdits } from '../../patches/user-edit-report';
import { folderNames, parseArgs } from './args';
import { fail, ok, type Tool, type ToolContext, type ToolResult } from './tool';

export const applyPatchTool: Tool = {
  name: 'apply_patch',
  description: 'Edit files with a patch (format in the instructions). It may wait for the user to review it.',
  async run(raw, ctx) {
    const p = parseArgs('apply_patch', raw);
    if (!p.ok) return p.result;
    return applyPatchInput(p.args.input, ctx);
  },
};

export async function applyPatchInput(input: string, ctx: ToolContext): Promise<ToolResult> {
  const patchId = ctx.ids.next('patch');
  const itemId = `fc_${ctx.callId}`;
  let view: PatchView;
  try {
    await ctx.patches.propose({ id: patchId, threadId: ctx.threadId, turnId: ctx.turnId, itemId }, input);
    view = ctx.patches.view(patchId);
  } catch (e) {
    if (isPatchError(e)) return fail(`apply_patch verification failed: ${describePatchError(e)}\nNothing was written. Re-read the file(s) and send a corrected patch.`);
    throw e;
  }
  const named = view.files.flatMap((f) => (f.movePath ? [f.path, f.movePath] : [f.path]));
  // Judged by the files the writes really reach too: a symlink must not turn a protected file into an ordinary one.
  const reached = await Promise.all(named.map((p) => ctx.workspace.canonical(p).catch(() => p)));
  const paths = [...new Set([...named, ...reached])];
  const verdict = decidePatch(ctx.settings, paths, await runLaterPaths(ctx, patchId, view, paths), await existingAdds(ctx, input, view), folderNames(ctx));
  const waitsForReview = verdict.action === 'ask' && ctx.interactive;
  const item: ItemOf<'fileChange'> = {
    id: itemId,
    turnId: ctx.turnId,
    createdAt: ctx.clock.now(),
    type: 'fileChange',
    patch: view,
    ...(waitsForReview ? { reviewReason: verdict.reason } : {}),
  };
  await ctx.items.started(item);

  if (verdict.action === 'refuse') {
    await ctx.patches.refuse(patchId, { kind: verdict.kind === 'notTrusted' ? 'notTrusted' : 'accessDenied', message: verdict.reason });
    return { ...fail(`Not applied: ${verdict.reason}`), approval: { decision: 'refused', by: 'policy' } };
  }
  if (verdict.action === 'ask' && !ctx.interactive) {
    // Headless read-only: the patch is reported (it stays pending in the thread), never applied.
    return {
      ...ok(`Recorded for review, not applied: ${verdict.reason} Nobody can approve it in this run; the user will see it as a pending patch.`),
      approval: { decision: 'refused', by: 'policy' },
    };
  }
  let final: PatchView;
  if (verdict.action === 'allow') final = await ctx.patches.applyAll(patchId, 'policy');
  else {
    const settled = await Promise.race([ctx.patches.settled(patchId), whenAborted(ctx)]);
    if (settled === 'interrupted') {
      return fail('The turn was interrupted before the user reviewed this patch. It is still pending: the user may apply it later.');
    }
    final = settled;
  }
  const by = final.decidedBy ?? 'user';
  const result = resultFor(final);
  const applied = final.status === 'applied' || final.status === 'partiallyApplied';
  const edits = applied ? describeUserEdits(ctx.patches.userEdits(patchId)) : '';
  return { ...result, ...(edits ? { output: `${result.output}\n\n${edits}` } : {}), approval: { decision: final.status === 'rejected' ? 'decline' : 'accept', by } };
}

function whenAborted(ctx: ToolContext): Promise<'interrupted'> {
  return new Promise((resolve) => {
    if (ctx.signal.aborted) resolve('interrupted');
    else ctx.signal.addEventListener('abort', () => resolve('interrupted'), { once: true });
  });
}

/** Files the patch adds ("*** Add File") that already exist: the plan turns those into whole-file updates. */
async function existingAdds(ctx: ToolContext, input: string, view: PatchView): Promise<string[]> {
  const updated = new Set(view.files.filter((f) => f.kind === 'update').map((f) => f.path));
  if (!updated.size) return [];
  const out: string[] = [];
  for (const m of input.matchAll(/^\*\*\* Add File: (.+?)\s*$/gm)) {
    const path = await ctx.workspace.resolve(m[1]!).catch(() => undefined);
    if (path !== undefined && updated.has(path)) out.push(path);
  }
  return out;
}

/** The paths that make code run later: by name, and package.json files whose scripts change. */
async function runLaterPaths(ctx: ToolContext, patchId: string, view: PatchView, paths: string[]): Promise<string[]> {
  const out = new Set(paths.filter((p) => runsCodeLater(p, folderNames(ctx))));
  for (const f of view.files) {
    const target = f.movePath ?? f.path;
    if (!isPackageJson(f.path) && !isPackageJson(target)) continue;
    const { oldText, newText } = await ctx.patches.preview(patchId, f.path).catch(() => ({ oldText: '', newText: '\0' }));
    if (packageScriptsChanged(f.kind === 'add' ? '' : oldText, f.kind === 'delete' ? '' : newText)) out.add(target);
  }
  return [...out];
}

function resultFor(view: PatchView): ToolResult {
  const files = (f: PatchView['files'][number]) => f.movePath ?? f.path;
  const letter = (f: PatchView['files'][number]) => (f.kind === 'add' ? 'A' : f.kind === 'delete' ? 'D' : 'M');
  switch (view.status) {
    case 'applied':
      return ok(`Success. Updated the following files:\n${view.files.map((f) => `${letter(f)} ${files(f)}`).join('\n')}`);
    case 'partiallyApplied': {
      const lines = view.files.map((f) => {
        const acc = f.hunks.filter((h) => h.decision === 'accepted').map((h) => h.index + 1);
        const rej = f.hunks.filter((h) => h.decision === 'rejected').map((h) => h.index + 1);
        if (!rej.length) return `${files(f)}: applied`;
        if (!acc.length) return `${files(f)}: rejected by the user (not changed)`;
        return `${files(f)}: applied hunks ${acc.join(', ')}; the user rejected hunks ${rej.join(', ')}`;
      });
      return ok(`Partly applied after the user's review:\n${lines.join('\n')}\nThe rejected changes are not in the files; do not re-send them unless the user asks.`);
    }
    case 'rejected':
      return fail(`The user rejected this patch; nothing was changed.${view.error ? ` They said: ${view.error.message}` : ''}`);
    case 'stale':
    case 'failed':
      return fail(view.error?.message ?? `The patch was not applied (${view.status}).`);
    default:
      return fail(`The patch is ${view.status}.`);
  }
}
