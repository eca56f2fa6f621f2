// The turn's spend in the header while the turn is still running: it is known as soon as a model request
// finishes, so a turn waiting on the user (a patch to review) shows what it has cost so far.
import assert from 'node:assert/strict';
import { eventually } from '../../support/webview-harness';
import { cost, fileChange, itemEvent, patch, status, thread, turn, turnStarted, turnUpdated, usage, userMessage } from '../../unit/media/fixtures';
import { postAll } from './scenes';
import { useWebview } from './setup';

describe('webview: cost while a turn runs', () => {
  const w = useWebview();

  it('shows the turn’s tokens and cost once its first request finished, while a patch waits for review', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status({ sessionCost: cost(0), sessionUsage: usage() }) }, { type: 'thread', thread: thread() }, turnStarted()]);
    await w.view.post(itemEvent('item/completed', userMessage('u1', 'Make mean() safe on an empty list.')));
    const turnCell = page.locator('.usage-turn');
    await eventually(async () => assert.match((await turnCell.textContent()) ?? '', /running…/));

    await w.view.post(turnUpdated(turn({ usage: usage(1000, 200), cost: cost(0.006) })));
    // The policy left the patch to the user: the turn waits for the review, and the activity line says so.
    await w.view.post(itemEvent('item/started', { ...fileChange('f1', patch()), reviewReason: 'The read-only policy asks before any patch is applied.' }));
    await page.locator('.patch-card [data-status="pending"]').waitFor();
    await eventually(async () => assert.match((await turnCell.textContent()) ?? '', /Turn\s*1k in · 200 out · \$0\.006/));
    await eventually(async () => assert.equal(await page.locator('.activity-line').textContent(), 'Waiting for your review'));
  });
});
