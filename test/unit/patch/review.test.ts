// The result is reviewable: hunks as the protocol shows them, a chosen subset of hunks applied, a unified
// diff for people and models, and a pending patch re-matched against text the user changed since.
import assert from 'node:assert/strict';
import { PatchFile, PatchHunk } from '../../../src/protocol/patch';
import { parsePatch, type PatchError, planPatch, planToWrites, rematchPlan, selectHunks, unifiedDiff } from '../../../src/patch';
import { memoryReader, ROOT } from './support';

const numbered = (n: number, change: (i: number) => string | null = () => null) =>
  Array.from({ length: n }, (_, i) => change(i + 1) ?? `line ${i + 1}`).join('\n') + '\n';

/** Changes lines 5, 20 and 35 of a 40-line file: three hunks far enough apart to stay separate. */
const threeChanges = [
  '*** Begin Patch',
  '*** Update File: f.txt',
  '@@',
  ' line 4',
  '-line 5',
  '+LINE 5',
  '@@',
  ' line 19',
  '-line 20',
  '+LINE 20',
  '+line 20.5',
  '@@',
  ' line 34',
  '-line 35',
  '*** End Patch',
].join('\n');

async function plan(text: string, patchText = threeChanges) {
  return planPatch(parsePatch(patchText), memoryReader({ 'f.txt': text }), { root: ROOT });
}

describe('patch: review', () => {
  it('gives hunks that map straight onto the protocol', async () => {
    const p = await plan(numbered(40));
    const file = p.files[0];
    assert.deepEqual([file.additions, file.deletions, file.hunks.length], [3, 3, 3]);
    assert.deepEqual(file.hunks[0], {
      index: 0,
      oldStart: 2,
      oldLines: 7,
      newStart: 2,
      newLines: 7,
      lines: [' line 2', ' line 3', ' line 4', '-line 5', '+LINE 5', ' line 6', ' line 7', ' line 8'],
      additions: 1,
      deletions: 1,
    });
    const view = PatchFile.parse({
      path: file.path,
      kind: file.kind,
      additions: file.additions,
      deletions: file.deletions,
      hunks: file.hunks.map((h) => PatchHunk.parse({ ...h, decision: 'pending' })),
    });
    assert.equal(view.hunks[2].newStart, 33);
  });

  it('applies only the accepted hunks', async () => {
    const file = (await plan(numbered(40))).files[0];
    const expected = numbered(40, (i) => (i === 20 ? 'LINE 20\nline 20.5' : null));
    assert.equal(selectHunks(file, [1]), expected);
    assert.equal(selectHunks(file, []), numbered(40));
    assert.equal(selectHunks(file, [0, 1, 2]), file.newText);
    assert.equal(selectHunks(file, [0, 2]), numbered(40, (i) => (i === 5 ? 'LINE 5' : null)).replace('line 35\n', ''));
  });

  it('writes the selection, with the old text as the expected content; a rejected file is not written', async () => {
    const p = await plan(numbered(40));
    assert.deepEqual(planToWrites(p, { 'f.txt': [2] }), [{ op: 'write', path: 'f.txt', text: numbered(40).replace('line 35\n', ''), bom: false, expected: numbered(40) }]);
    assert.deepEqual(planToWrites(p, { 'f.txt': false }), []);
    assert.deepEqual(planToWrites(p, { 'f.txt': [] }), []);
  });

  it('keeps CRLF and the missing final newline right in a partial apply', async () => {
    const text = numbered(40).replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const file = (await plan(text)).files[0];
    assert.equal(selectHunks(file, []), text);
    assert.equal(selectHunks(file, [0]), text.replace('line 5\r\n', 'LINE 5\r\n'));
  });

  it('renders a unified diff', async () => {
    const file = (await plan(numbered(40))).files[0];
    const diff = unifiedDiff(file);
    assert.ok(diff.startsWith('--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@\n line 2\n'), diff);
    const added = (await planPatch(parsePatch('*** Begin Patch\n*** Add File: n.txt\n+hi\n*** End Patch'), memoryReader({}), {})).files[0];
    assert.equal(unifiedDiff(added), '--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,1 @@\n+hi\n');
  });

  it('re-matches a pending patch after the user edited elsewhere in the file, keeping hunk indexes', async () => {
    const before = await plan(numbered(40));
    const edited = 'a new first line\n' + numbered(40).replace('line 12\n', 'line twelve\n');
    const after = await rematchPlan(before, memoryReader({ 'f.txt': edited }));
    const file = after.files[0];
    assert.deepEqual(
      file.hunks.map((h) => [h.index, h.oldStart]),
      [
        [0, 3],
        [1, 18],
        [2, 33],
      ],
    );
    assert.equal(selectHunks(file, [0]), edited.replace('line 5\n', 'LINE 5\n'));
  });

  it('re-matches to a stale error when the user changed the lines the patch replaces', async () => {
    const before = await plan(numbered(40));
    const edited = numbered(40).replace('line 20\n', 'line twenty\n');
    await assert.rejects(rematchPlan(before, memoryReader({ 'f.txt': edited })), (e: PatchError) => {
      assert.equal(e.kind, 'stale');
      assert.equal(e.chunk, 2);
      assert.match(e.message, /^The patch no longer applies to the files as they are now\. Failed to find expected lines in f\.txt/);
      return true;
    });
  });
});
