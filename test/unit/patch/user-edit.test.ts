// The pieces behind editing a proposal: a planned file given the user's text (its hunks computed again,
// a partial accept taking hunks of the user's version), and the diff the model is told, size-capped.
import assert from 'node:assert/strict';
import { parsePatch, planPatch, selectHunks, textDiff, withProposedText } from '../../../src/patch';
import { describeUserEdits } from '../../../src/core/patches/user-edit-report';

const OLD = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const PATCH = ['*** Begin Patch', '*** Update File: a.txt', '@@', '-line 2', '+line two', '*** End Patch'].join('\n');

describe('a proposal edited by the user', () => {
  it('gets hunks of the user’s text against the original, and a partial accept takes them one by one', async () => {
    const plan = await planPatch(parsePatch(PATCH), async () => ({ kind: 'text', text: OLD, version: 1, dirty: false }));
    const mine = OLD.replace('line 2\n', 'line 2 (kept)\n').replace('line 19\n', 'line nineteen\n');
    const file = withProposedText(plan.files[0]!, mine);
    assert.equal(file.newText, mine);
    assert.deepEqual(
      file.hunks.map((h) => [h.index, h.lines.filter((l) => l[0] === '+')]),
      [
        [0, ['+line 2 (kept)']],
        [1, ['+line nineteen']],
      ],
    );
    assert.equal(file.additions, 2);
    assert.equal(selectHunks(file, [1]), OLD.replace('line 19\n', 'line nineteen\n'), 'only the accepted hunk of the user’s version');
  });

  it('tells the model a unified diff from its proposal to the user’s text, cut at the limit with a pointer to the files', () => {
    assert.equal(textDiff('a.txt', 'same\n', 'same\n'), '');
    const diff = textDiff('a.txt', 'one\ntwo\n', 'one\n2\n');
    assert.equal(diff, '--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n');
    assert.equal(describeUserEdits([{ path: 'a.txt', proposed: 'x\n', edited: 'x\n' }]), '', 'no change, nothing to tell');

    const proposed = Array.from({ length: 300 }, (_, i) => `proposed ${i}`).join('\n') + '\n';
    const edited = Array.from({ length: 300 }, (_, i) => `edited ${i}`).join('\n') + '\n';
    const told = describeUserEdits([{ path: 'big.txt', proposed, edited }], 1000);
    assert.match(told, /^The user edited your proposed change before applying it[^\n]*\(big\.txt\):\n--- a\/big\.txt/);
    assert.match(told, /\[… the rest of the diff \([\d,]+ more characters\) is left out; read the file\(s\) to see them\.\]/);
    assert.ok(told.length < 1400, `capped (${told.length} characters)`);
  });
});
