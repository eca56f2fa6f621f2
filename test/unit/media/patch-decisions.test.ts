import assert from 'node:assert/strict';
import { decidePatch, decisionCounts } from '../../../media/state/patch-decisions';
import { applyHostMessage, applyUiAction } from '../../../media/state/reducer';
import { initialViewState } from '../../../media/state/view-state';
import type { PatchView } from '../../../src/protocol/patch';
import { fileChange, itemEvent, patch, thread } from './fixtures';

const decisions = (p: PatchView) => p.files.map((f) => f.hunks.map((h) => h.decision));

describe('patch decisions in the sidebar', () => {
  it('marks one hunk, then a whole file', () => {
    let p = decidePatch(patch(), { patchId: 'patch-1', path: 'src/a.ts', hunk: 1, decision: 'rejected' });
    assert.deepEqual(decisions(p), [['pending', 'rejected'], ['pending']]);
    p = decidePatch(p, { patchId: 'patch-1', path: 'src/b.ts', decision: 'accepted' });
    assert.deepEqual(decisions(p), [['pending', 'rejected'], ['accepted']]);
    assert.deepEqual(decisionCounts(p), { pending: 1, accepted: 1, rejected: 1 });
  });

  it('Accept all leaves hunks the user already rejected alone', () => {
    const p = decidePatch(decidePatch(patch(), { patchId: 'patch-1', path: 'src/a.ts', hunk: 0, decision: 'rejected' }), {
      patchId: 'patch-1',
      decision: 'accepted',
      onlyPending: true,
    });
    assert.deepEqual(decisions(p), [['rejected', 'accepted'], ['accepted']]);
  });

  it('takes no decision on a patch that is no longer pending, or on another patch', () => {
    const applied = patch({ status: 'applied' });
    assert.equal(decidePatch(applied, { patchId: 'patch-1', decision: 'rejected' }), applied);
    const pending = patch();
    assert.equal(decidePatch(pending, { patchId: 'other', decision: 'rejected' }), pending);
  });

  it('shows a clicked decision at once and lets the engine’s next item override it', () => {
    let s = applyHostMessage(initialViewState(), { type: 'thread', thread: thread({ items: [fileChange('f1')] }) });
    s = applyUiAction(s, { type: 'patchDecided', patchId: 'patch-1', path: 'src/a.ts', hunk: 0, decision: 'accepted' });
    const optimistic = s.thread?.items[0];
    assert.equal(optimistic?.type === 'fileChange' && optimistic.patch.files[0]?.hunks[0]?.decision, 'accepted');

    const engine = patch({ status: 'partiallyApplied' });
    engine.files[0]!.hunks[0]!.decision = 'rejected';
    s = applyHostMessage(s, itemEvent('item/updated', fileChange('f1', engine)));
    const updated = s.thread?.items[0];
    assert.equal(updated?.type === 'fileChange' && updated.patch.status, 'partiallyApplied');
    assert.equal(updated?.type === 'fileChange' && updated.patch.files[0]?.hunks[0]?.decision, 'rejected');
  });
});
