// The checkpoint row: no restore while its turn still runs (it would race the turn's own changes); once
// the turn has finished, "Restore to before this turn" sends the typed request with the checkpoint's id,
// and a restored checkpoint no longer offers it.
import assert from 'node:assert/strict';
import type { ItemOf } from '../../../src/protocol/items';
import { eventually } from '../../support/webview-harness';
import { itemEvent, status, thread, turn, turnCompleted, turnStarted, userMessage } from '../../unit/media/fixtures';
import { postAll } from './scenes';
import { useWebview } from './setup';

function checkpoint(overrides: Partial<ItemOf<'checkpoint'>> = {}): ItemOf<'checkpoint'> {
  return { id: 'ckpt-item-1', turnId: 'turn-1', createdAt: 1_700_000_000_000, type: 'checkpoint', checkpointId: 'ckpt-1', kind: 'turn', status: 'available', files: 12, ...overrides };
}

describe('webview: restore to before a turn', () => {
  const w = useWebview();

  it('offers the restore once the turn has finished, sends checkpointRestore, and not on a restored checkpoint', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }, turnStarted()]);
    await w.view.post(itemEvent('item/completed', userMessage('u1', 'Rename parse to tokenize')));
    await w.view.post(itemEvent('item/completed', checkpoint()));
    const row = page.locator('.notice-checkpoint');
    await row.waitFor();
    assert.equal(await row.getByRole('button').count(), 0, 'no restore while the turn runs');

    await w.view.post(turnCompleted(turn({ status: 'completed', completedAt: 1_700_000_001_000 })));
    const button = row.getByRole('button', { name: 'Restore to before this turn' });
    await button.waitFor();
    assert.match((await button.getAttribute('title')) ?? '', /not undone/);
    await w.view.clearPosted();
    await button.click();
    const sent = await w.view.waitForPosted((m) => m.method === 'checkpoint/restore');
    assert.deepEqual(sent, { method: 'checkpoint/restore', params: { checkpointId: 'ckpt-1' } });

    await w.view.post(itemEvent('item/completed', checkpoint({ status: 'restored', message: 'Restored: the files are back as they were before this turn.' })));
    await eventually(async () => assert.equal(await row.getByRole('button').count(), 0));
    assert.match((await row.textContent()) ?? '', /Restored: the files are back/);
  });
});
