// The patch card: per-hunk and per-file decisions, Open diff, Accept all / Reject all, Revert, statuses.
import assert from 'node:assert/strict';
import { eventually } from '../../support/webview-harness';
import { fileChange, itemEvent, patch, status, thread, turnStarted } from '../../unit/media/fixtures';
import type { PatchView } from '../../../src/protocol/patch';
import { postAll } from './scenes';
import { useWebview } from './setup';

describe('webview: patch cards', () => {
  const w = useWebview();

  async function showPatch(p: PatchView): Promise<void> {
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }, turnStarted()]);
    await w.view.post(itemEvent('item/started', fileChange('f1', p)));
    await w.view.page.locator('.patch-card').waitFor();
  }

  it('lists files with +/− counts and colored hunks, and posts per-hunk decisions that show at once', async () => {
    const { page } = w.view;
    await showPatch(patch());
    const card = page.locator('.patch-card');
    assert.match((await card.locator('.card-header').textContent()) ?? '', /2 files changed.*\+3 −3\s*Pending review/);
    const fileA = card.getByRole('region', { name: 'Modified src/a.ts' });
    assert.match((await fileA.locator('.patch-file-header').textContent()) ?? '', /src\/a\.ts.*\+2 −2/);
    assert.equal(await fileA.locator('.hunk').count(), 2);
    assert.equal(await fileA.locator('.hunk').first().locator('.line-removed .diff-text').textContent(), 'old line 0');
    assert.equal(await fileA.locator('.hunk').first().locator('.line-added .diff-text').textContent(), 'new line 0');
    const addedBg = await fileA.locator('.line-added').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(addedBg, 'rgba(0, 0, 0, 0)', 'added lines are colored');

    const reject2 = page.getByRole('button', { name: 'Reject hunk 2 of src/a.ts' });
    await reject2.click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'patch/decide'), {
      method: 'patch/decide',
      params: { patchId: 'patch-1', decisions: [{ path: 'src/a.ts', hunk: 1, decision: 'rejected' }] },
    });
    await eventually(async () => assert.equal(await page.getByRole('button', { name: 'Reject hunk 2 of src/a.ts' }).getAttribute('aria-pressed'), 'true'));
    assert.equal(await page.locator('.hunk[data-hunk="1"] .hunk-decision').first().textContent(), ' Rejected');
    assert.equal(await page.getByRole('button', { name: 'Accept hunk 2 of src/a.ts' }).getAttribute('aria-pressed'), 'false');
    assert.equal(await page.getByRole('button', { name: 'Reject hunk 2 of src/a.ts' }).evaluate((el) => el === document.activeElement), true, 'focus stays on the button');

    await w.view.clearPosted();
    await page.getByRole('button', { name: 'Accept hunk 1 of src/a.ts' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'patch/decide'), {
      method: 'patch/decide',
      params: { patchId: 'patch-1', decisions: [{ path: 'src/a.ts', hunk: 0, decision: 'accepted' }] },
    });
    await eventually(async () => assert.match((await page.locator('.patch-card .card-meta').textContent()) ?? '', /3 hunks: 1 accepted, 1 rejected, 1 to review/));
  });

  it('names each hunk by what it is about, or by its line, with the raw range in its tooltip', async () => {
    const { page } = w.view;
    const p = patch();
    p.files[0]!.hunks[0]!.scope = { kind: 'within', name: 'function mean(values)' };
    p.files[1]!.hunks[0]!.scope = { kind: 'adds', name: 'function range(values)' };
    await showPatch(p);
    const titles = await page.locator('.hunk-title').allTextContents();
    // Compact in the card (the function keyword goes); whole in the tooltip.
    assert.deepEqual(titles, ['In mean(values)', 'Line 21', 'Adds range(values)']);
    assert.equal(await page.locator('.hunk-title').first().getAttribute('title'), 'In function mean(values) · line 11 · @@ -10,3 +10,3 @@');
    assert.equal(await page.getByText(/^@@ /).count(), 0, 'no raw @@ header is shown');
  });

  it('decides a whole file, opens its diff, and accepts or rejects everything', async () => {
    const { page } = w.view;
    await showPatch(patch());
    await page.getByRole('button', { name: 'Accept file src/b.ts' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'patch/decide'), {
      method: 'patch/decide',
      params: { patchId: 'patch-1', decisions: [{ path: 'src/b.ts', decision: 'accepted' }] },
    });
    await page.getByRole('button', { name: 'Open diff of src/b.ts' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'openDiff'), { method: 'openDiff', params: { patchId: 'patch-1', path: 'src/b.ts' } });
    await page.getByRole('button', { name: 'Reject all' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'patch/reject'), { method: 'patch/reject', params: { patchId: 'patch-1' } });
    await page.getByRole('button', { name: 'Accept all' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'patch/apply'), { method: 'patch/apply', params: { patchId: 'patch-1' } });
    assert.equal(await page.getByRole('button', { name: 'Accept hunk 1 of src/b.ts' }).getAttribute('aria-pressed'), 'true', 'the accepted file kept its decision');
  });

  it('Edit opens the diff whose proposed side the user types in, and a file the user edited says so', async () => {
    const { page } = w.view;
    const p = patch();
    p.files[0]!.editedByUser = true;
    await showPatch(p);
    const fileA = page.getByRole('region', { name: 'Modified src/a.ts' });
    assert.match((await fileA.locator('.patch-file-header').textContent()) ?? '', /edited by you/);
    assert.equal(await page.getByRole('region', { name: 'Modified src/b.ts' }).locator('.file-edited').count(), 0, 'only the edited file is marked');
    await page.getByRole('button', { name: 'Edit the proposed src/b.ts' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'openDiff'), { method: 'openDiff', params: { patchId: 'patch-1', path: 'src/b.ts' } });
  });

  it('keeps an applied patch visible with its decisions and offers Revert instead of decisions', async () => {
    const { page } = w.view;
    await showPatch(patch());
    const applied = patch({ status: 'partiallyApplied', decidedBy: 'user' });
    applied.files.forEach((f) => f.hunks.forEach((hk) => (hk.decision = 'accepted')));
    applied.files[0]!.hunks[1]!.decision = 'rejected';
    await w.view.post(itemEvent('item/updated', fileChange('f1', applied)));
    const card = page.locator('.patch-card');
    await eventually(async () => assert.match((await card.locator('.badge').textContent()) ?? '', /Partially applied/));
    assert.equal(await card.getByRole('button', { name: /^(Accept|Reject)/ }).count(), 0, 'no decisions on an applied patch');
    assert.equal(await card.locator('.hunk.decision-rejected').count(), 1);
    assert.equal(await card.locator('.hunk.decision-accepted').count(), 2);
    // What landed, not what was proposed: hunk 2 of src/a.ts (one line each way) was rejected.
    const stat = card.locator('.card-header .diff-stat');
    assert.equal(await stat.locator('[aria-hidden]').allTextContents().then((t) => t.join(' ')), '+2 −2');
    assert.match((await stat.getAttribute('title')) ?? '', /^Applied: 2 lines added, 2 removed \(of 3 added, 3 removed proposed\)$/);
    assert.match((await card.locator('.card-meta').first().textContent()) ?? '', /applied 2 of 3 hunks/);
    const fileA = card.getByRole('region', { name: 'Modified src/a.ts' });
    assert.match((await fileA.locator('.patch-file-header .diff-stat').textContent()) ?? '', /\+1 −1$/);
    await card.getByRole('button', { name: 'Revert this patch' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'patch/revert'), { method: 'patch/revert', params: { patchId: 'patch-1' } });

    await w.view.post(itemEvent('item/updated', fileChange('f1', { ...applied, status: 'reverted' })));
    await eventually(async () => assert.match((await card.locator('.badge').textContent()) ?? '', /Reverted/));
    assert.equal(await card.getByRole('button', { name: 'Revert this patch' }).count(), 0);
    assert.equal(await card.getByRole('button', { name: 'Open diff of src/a.ts' }).count(), 1, 'the diff can still be opened');
    // Reverted: the counts of what had been applied, struck through, and no hunk reads "Accepted" any more.
    assert.equal(await stat.getAttribute('data-stat'), 'reverted');
    assert.equal(await stat.locator('.added').evaluate((el) => getComputedStyle(el).textDecorationLine), 'line-through');
    assert.match((await stat.getAttribute('title')) ?? '', /^Reverted: /);
    assert.match((await card.locator('.card-meta').first().textContent()) ?? '', /reverted: the 2 hunks it applied were taken back/);
    assert.equal(await card.locator('.hunk-decision', { hasText: 'Accepted' }).count(), 0);
    assert.equal(await card.locator('.hunk-decision', { hasText: 'Reverted' }).count(), 2);
  });

  it('says why an applied patch can no longer be reverted, instead of offering Revert', async () => {
    const { page } = w.view;
    await showPatch(patch({ status: 'applied', decidedBy: 'user', revertRefused: 'Cannot revert after a restart: the files held a value that looked like a secret.' }));
    const card = page.locator('.patch-card');
    assert.match((await card.locator('.badge').textContent()) ?? '', /Applied/);
    assert.match((await card.textContent()) ?? '', /Cannot revert after a restart/);
    assert.equal(await card.getByRole('button', { name: 'Revert this patch' }).count(), 0);
  });

  it('shows why a stale or failed patch cannot apply, with no apply actions', async () => {
    const { page } = w.view;
    await showPatch(patch({ status: 'stale', error: { kind: 'invalidRequest', message: 'src/a.ts changed since the patch was proposed' } }));
    const card = page.locator('.patch-card');
    assert.match((await card.locator('.badge').textContent()) ?? '', /Stale/);
    assert.match((await card.locator('.patch-error').textContent()) ?? '', /changed since the patch was proposed/);
    assert.equal(await card.getByRole('button', { name: /Accept|Reject|Revert/ }).count(), 0);
  });
});
