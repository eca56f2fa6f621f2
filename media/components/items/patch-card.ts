// A proposed patch (fileChange item): its status, its files with +/− counts and hunks, and the actions
// that make sense for its status — decisions and Accept all / Reject all while pending, Revert once applied.
// Decisions are posted to the host and shown at once (optimistically); the engine's next item wins.
import type { ItemOf } from '../../../src/protocol/items';
import type { PatchStatus, PatchView } from '../../../src/protocol/patch';
import { decisionCounts } from '../../state/patch-decisions';
import { patchStat, proposedStat } from '../../state/patch-stats';
import { plural } from '../../state/format';
import { codicon, h, textButton } from '../../ui/dom';
import type { ViewContext } from '../context';
import { renderDiffStat, renderPatchFile } from './patch-file';

const STATUS: Record<PatchStatus, { text: string; icon: string; tone: string }> = {
  pending: { text: 'Pending review', icon: 'git-compare', tone: 'warning' },
  applied: { text: 'Applied', icon: 'pass', tone: 'ok' },
  partiallyApplied: { text: 'Partially applied', icon: 'pass', tone: 'ok' },
  rejected: { text: 'Rejected', icon: 'circle-slash', tone: 'neutral' },
  reverted: { text: 'Reverted', icon: 'discard', tone: 'neutral' },
  stale: { text: 'Stale', icon: 'warning', tone: 'warning' },
  failed: { text: 'Failed', icon: 'error', tone: 'error' },
};

export function renderPatchCard(item: ItemOf<'fileChange'>, ctx: ViewContext): HTMLElement {
  const patch = item.patch;
  const status = STATUS[patch.status];
  const title = patch.files.length === 1 ? (patch.files[0]?.path ?? 'Patch') : `${plural(patch.files.length, 'file')} changed`;
  // The file's own row shows its whole path; the header has room for its name.
  const shownTitle = patch.files.length === 1 ? title.slice(title.lastIndexOf('/') + 1) : title;
  const card = h(
    'article',
    {
      class: `item card patch-card patch-${patch.status}`,
      attrs: { 'aria-label': `Patch: ${title}, ${status.text}`, 'data-patch-id': patch.id },
    },
    h(
      'div',
      { class: 'card-header' },
      codicon('diff'),
      h('span', { class: 'card-title', attrs: { title }, text: shownTitle }),
      renderDiffStat(patchStat(patch), proposedStat(patch)),
      h('span', { class: `badge tone-${status.tone}`, attrs: { 'data-status': patch.status } }, codicon(status.icon), ` ${status.text}`),
    ),
  );
  const meta = metaLine(patch);
  if (meta) card.append(h('div', { class: 'card-meta muted', text: meta }));
  if (patch.error && (patch.status === 'stale' || patch.status === 'failed')) {
    card.append(h('div', { class: 'patch-error' }, codicon('error', 'status-error'), h('span', { text: patch.error.message })));
  }
  const files = h('div', { class: 'patch-files' });
  for (const file of patch.files) files.append(renderPatchFile(patch, file, ctx));
  card.append(files);
  const actions = patchActions(patch, ctx);
  if (actions) card.append(actions);
  return card;
}

function metaLine(patch: PatchView): string {
  const parts: string[] = [];
  const c = decisionCounts(patch);
  const total = c.pending + c.accepted + c.rejected;
  if (patch.status === 'pending') parts.push(`${plural(total, 'hunk')}: ${c.accepted} accepted, ${c.rejected} rejected, ${c.pending} to review`);
  // What is in the files now, said in words beside the counts.
  if (patch.status === 'partiallyApplied') parts.push(`applied ${c.accepted} of ${plural(total, 'hunk')}`);
  if (patch.status === 'reverted') parts.push(`reverted: the ${plural(c.accepted, 'hunk')} it applied ${c.accepted === 1 ? 'was' : 'were'} taken back`);
  if (patch.decidedBy) parts.push(patch.decidedBy === 'policy' ? 'decided by the approval policy' : 'decided by you');
  return parts.join(' · ');
}

function patchActions(patch: PatchView, ctx: ViewContext): HTMLElement | null {
  const patchId = patch.id;
  if (patch.status === 'pending') {
    return h(
      'div',
      { class: 'card-actions' },
      textButton('Accept all', {
        icon: 'check-all',
        variant: 'primary',
        key: `${patchId}:accept-all`,
        title: 'Accept every hunk not already rejected, and apply',
        onClick: () => {
          ctx.dispatch({ type: 'patchDecided', patchId, decision: 'accepted', onlyPending: true });
          ctx.send('patch/apply', { patchId });
        },
      }),
      textButton('Reject all', {
        icon: 'close-all',
        key: `${patchId}:reject-all`,
        title: 'Reject every hunk not already accepted',
        onClick: () => {
          ctx.dispatch({ type: 'patchDecided', patchId, decision: 'rejected', onlyPending: true });
          ctx.send('patch/reject', { patchId });
        },
      }),
    );
  }
  if ((patch.status === 'applied' || patch.status === 'partiallyApplied') && patch.revertRefused) {
    return h('div', { class: 'card-meta muted' }, codicon('info'), h('span', { text: ` ${patch.revertRefused}` }));
  }
  if (patch.status === 'applied' || patch.status === 'partiallyApplied') {
    return h(
      'div',
      { class: 'card-actions' },
      textButton('Revert', {
        icon: 'discard',
        key: `${patchId}:revert`,
        label: 'Revert this patch',
        title: 'Revert the files to what they were before this patch (if they have not changed since)',
        onClick: () => ctx.send('patch/revert', { patchId }),
      }),
    );
  }
  return null;
}
