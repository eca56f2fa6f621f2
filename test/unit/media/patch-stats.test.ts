import assert from 'node:assert/strict';
import { describeStat, fileStat, patchStat } from '../../../media/state/patch-stats';
import type { PatchView } from '../../../src/protocol/patch';
import { patch } from './fixtures';

/** Two files: src/a.ts hunks 1 and 2 (each −1 +1), src/b.ts hunk 1; `decisions` per file. */
function decided(status: PatchView['status'], decisions: ('accepted' | 'rejected')[][]): PatchView {
  const p = patch({ status });
  p.files.forEach((f, i) => f.hunks.forEach((h, j) => (h.decision = decisions[i]![j]!)));
  return p;
}

describe('patch card counts', () => {
  it('counts the proposal while it waits', () => {
    assert.deepEqual(patchStat(patch()), { additions: 3, deletions: 3, kind: 'proposed' });
  });

  it('counts only the accepted hunks of a partly applied patch, and a fully rejected file as not applied', () => {
    const p = decided('partiallyApplied', [['accepted', 'rejected'], ['rejected']]);
    assert.deepEqual(patchStat(p), { additions: 1, deletions: 1, kind: 'applied' });
    assert.deepEqual(fileStat(p, p.files[1]!), { additions: 1, deletions: 1, kind: 'notApplied' });
    assert.equal(describeStat(patchStat(p), { additions: 3, deletions: 3 }), 'Applied: 1 line added, 1 removed (of 3 added, 3 removed proposed)');
  });

  it('after a revert, says what was taken back', () => {
    const p = decided('reverted', [['accepted', 'rejected'], ['accepted']]);
    assert.deepEqual(patchStat(p), { additions: 2, deletions: 2, kind: 'reverted' });
    assert.match(describeStat(patchStat(p)), /^Reverted: 2 lines added, 2 removed were applied and taken back/);
  });

  it('a rejected patch put nothing in the files', () => {
    const p = decided('rejected', [['rejected', 'rejected'], ['rejected']]);
    assert.deepEqual(patchStat(p), { additions: 3, deletions: 3, kind: 'notApplied' });
  });
});
