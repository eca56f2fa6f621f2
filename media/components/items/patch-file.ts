// One file of a patch: kind, path, +/− counts, whether the user edited the proposal, Open diff, Edit
// (the diff whose proposed side the user can type in and save), Accept/Reject file, and its hunks as
// small colored diffs, each with its decision and (while the patch is pending) Accept/Reject.
import { hunkAnchorLine, hunkRange, hunkTitle } from '../../../src/shared/hunk-title';
import type { HunkDecision, PatchFile, PatchHunk, PatchView } from '../../../src/protocol/patch';
import { describeStat, fileStat, type DiffStat } from '../../state/patch-stats';
import { codicon, h, iconButton, srOnly } from '../../ui/dom';
import type { ViewContext } from '../context';

/** Diff lines rendered per file; the rest is one click away in the diff editor. */
export const MAX_DIFF_LINES_PER_FILE = 400;

const KIND = { add: { icon: 'diff-added', text: 'Added' }, delete: { icon: 'diff-removed', text: 'Deleted' }, update: { icon: 'diff-modified', text: 'Modified' } };
const DECISION: Record<HunkDecision, { text: string; icon: string }> = {
  pending: { text: 'To review', icon: 'circle-large-outline' },
  accepted: { text: 'Accepted', icon: 'check' },
  rejected: { text: 'Rejected', icon: 'close' },
};

export function renderPatchFile(patch: PatchView, file: PatchFile, ctx: ViewContext): HTMLElement {
  const pending = patch.status === 'pending';
  const keyBase = `${patch.id}:${file.path}`;
  const decide = (decision: 'accepted' | 'rejected', hunk?: number) => () => {
    ctx.dispatch({ type: 'patchDecided', patchId: patch.id, path: file.path, hunk, decision });
    ctx.send('patch/decide', { patchId: patch.id, decisions: [hunk === undefined ? { path: file.path, decision } : { path: file.path, hunk, decision }] });
  };
  const kind = KIND[file.kind];
  const header = h(
    'div',
    { class: 'patch-file-header' },
    h('span', { class: `file-kind kind-${file.kind}`, attrs: { title: kind.text } }, codicon(kind.icon)),
    h('span', { class: 'file-path', attrs: { title: file.movePath ? `${file.path} → ${file.movePath}` : file.path }, text: file.movePath ? `${file.path} → ${file.movePath}` : file.path }),
    renderDiffStat(fileStat(patch, file), { additions: file.additions, deletions: file.deletions }),
    file.editedByUser
      ? h('span', { class: 'file-edited muted', attrs: { title: 'You edited the proposed change: its hunks are your version, and Crosswind is told what you changed.' } }, codicon('person'), h('span', { text: ' edited by you' }))
      : null,
    h(
      'span',
      { class: 'file-actions' },
      iconButton('go-to-file', `Open diff of ${file.path}`, { key: `${keyBase}:open-diff`, onClick: () => ctx.send('openDiff', { patchId: patch.id, path: file.path }) }),
      // The diff's proposed side is editable: type there and save, and the edit is what Accept applies.
      pending && file.kind !== 'delete'
        ? iconButton('edit', `Edit the proposed ${file.path}`, { key: `${keyBase}:edit`, onClick: () => ctx.send('openDiff', { patchId: patch.id, path: file.path }) })
        : null,
      pending ? iconButton('check-all', `Accept file ${file.path}`, { key: `${keyBase}:accept-file`, onClick: decide('accepted') }) : null,
      pending ? iconButton('close-all', `Reject file ${file.path}`, { key: `${keyBase}:reject-file`, onClick: decide('rejected') }) : null,
    ),
  );
  const hunks = ctx.memory.disclosure(
    `${keyBase}:hunks`,
    pending,
    [h('span', { text: `${file.hunks.length} ${file.hunks.length === 1 ? 'hunk' : 'hunks'}` }), h('span', { class: 'muted', text: ` · ${hunkSummary(file, patch)}` })],
    () => renderHunks(file, patch, keyBase, decide),
    'patch-hunks',
  );
  return h('section', { class: 'patch-file', attrs: { 'aria-label': `${kind.text} ${file.path}` } }, header, hunks);
}

/** The +/− counts, struck through when none of it is in the files (rejected, or applied and reverted). */
export function renderDiffStat(stat: DiffStat, proposed: { additions: number; deletions: number }): HTMLElement {
  const description = describeStat(stat, proposed);
  return h(
    'span',
    { class: `diff-stat stat-${stat.kind}`, attrs: { title: description, 'data-stat': stat.kind } },
    srOnly(`${description}. `),
    h('span', { class: 'added', attrs: { 'aria-hidden': 'true' }, text: `+${stat.additions}` }),
    ' ',
    h('span', { class: 'removed', attrs: { 'aria-hidden': 'true' }, text: `−${stat.deletions}` }),
  );
}

/** How a hunk's decision reads once the patch is settled: an accepted hunk of a reverted patch was reverted. */
function decisionLook(hunk: PatchHunk, patch: PatchView): { text: string; icon: string; cls: string } {
  if (patch.status === 'reverted' && hunk.decision === 'accepted') return { text: 'Reverted', icon: 'discard', cls: 'reverted' };
  if (patch.status !== 'pending' && hunk.decision === 'pending') return { text: 'Not applied', icon: 'circle-slash', cls: 'pending' };
  return { ...DECISION[hunk.decision], cls: hunk.decision };
}

/** "1 accepted, 1 to review"; once the patch is settled, "1 applied, 1 rejected" or "1 reverted, 1 rejected". */
function hunkSummary(file: PatchFile, patch: PatchView): string {
  const counts = new Map<string, number>();
  for (const hunk of file.hunks) {
    const text = hunk.decision === 'accepted' && (patch.status === 'applied' || patch.status === 'partiallyApplied') ? 'applied' : decisionLook(hunk, patch).text.toLowerCase();
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, n]) => `${n} ${text}`).join(', ');
}

function renderHunks(
  file: PatchFile,
  patch: PatchView,
  keyBase: string,
  decide: (decision: 'accepted' | 'rejected', hunk?: number) => () => void,
): HTMLElement {
  const list = h('div', { class: 'hunk-list' });
  let budget = MAX_DIFF_LINES_PER_FILE;
  for (const hunk of file.hunks) {
    const shown = hunk.lines.slice(0, budget);
    budget -= shown.length;
    list.append(renderHunk(file, hunk, shown, patch, keyBase, decide));
  }
  if (file.hunks.reduce((n, hk) => n + hk.lines.length, 0) > MAX_DIFF_LINES_PER_FILE) {
    list.append(h('div', { class: 'muted diff-truncated', text: 'More lines not shown here: use Open diff to see the whole change.' }));
  }
  return list;
}

function renderHunk(
  file: PatchFile,
  hunk: PatchHunk,
  lines: string[],
  patch: PatchView,
  keyBase: string,
  decide: (decision: 'accepted' | 'rejected', hunk?: number) => () => void,
): HTMLElement {
  const pending = patch.status === 'pending';
  const n = hunk.index + 1;
  const decision = decisionLook(hunk, patch);
  return h(
    'div',
    { class: `hunk decision-${hunk.decision}`, attrs: { 'data-hunk': hunk.index } },
    h(
      'div',
      { class: 'hunk-header' },
      h('span', { class: 'hunk-title', attrs: { title: `${hunkTitle(hunk)} · line ${hunkAnchorLine(hunk)} · ${hunkRange(hunk)}` }, text: hunkTitle(hunk, { compact: true }) }),
      // While it can still be decided, the pressed button says the decision; the word goes when space is short.
      h('span', { class: `hunk-decision decision-label-${decision.cls}${pending ? ' decidable' : ''}`, attrs: { title: decision.text } }, codicon(decision.icon), h('span', { class: 'decision-text', text: ` ${decision.text}` })),
      pending
        ? h(
            'span',
            { class: 'hunk-actions' },
            iconButton('check', `Accept hunk ${n} of ${file.path}`, {
              key: `${keyBase}:${hunk.index}:accept`,
              pressed: hunk.decision === 'accepted',
              onClick: decide('accepted', hunk.index),
            }),
            iconButton('close', `Reject hunk ${n} of ${file.path}`, {
              key: `${keyBase}:${hunk.index}:reject`,
              pressed: hunk.decision === 'rejected',
              onClick: decide('rejected', hunk.index),
            }),
          )
        : null,
    ),
    h('div', { class: 'diff', attrs: { role: 'group', 'aria-label': `Hunk ${n} lines` } }, ...lines.map(renderDiffLine)),
  );
}

function renderDiffLine(line: string): HTMLElement {
  const sign = line[0] ?? ' ';
  const kind = sign === '+' ? 'added' : sign === '-' ? 'removed' : 'context';
  return h(
    'div',
    { class: `diff-line line-${kind}` },
    h('span', { class: 'diff-sign', attrs: { 'aria-hidden': 'true' }, text: sign }),
    kind === 'context' ? null : srOnly(kind === 'added' ? 'added: ' : 'removed: '),
    h('span', { class: 'diff-text', text: line.slice(1) || ' ' }),
  );
}
