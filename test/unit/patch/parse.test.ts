// Lenient where models are sloppy and the meaning is unambiguous; exact (Codex's wording, line numbers)
// where the patch is wrong.
import assert from 'node:assert/strict';
import { parsePatch, type PatchError, type FileOp } from '../../../src/patch';

const body = ['*** Update File: f.txt', '@@', '-a', '+b'];
const expectedOps = (ops: FileOp[]) => ops.map((op) => (op.type === 'update' ? [op.path, op.chunks.map((c) => [c.oldLines, c.newLines])] : [op.type, op.path]));
const plain = expectedOps(parsePatch(['*** Begin Patch', ...body, '*** End Patch'].join('\n')).ops);

describe('patch: parsing', () => {
  for (const [name, text] of [
    ['a heredoc with the command in front', ["apply_patch <<'PATCH'", '*** Begin Patch', ...body, '*** End Patch', 'PATCH'].join('\n')],
    ['a Markdown code fence', ['```diff', '*** Begin Patch', ...body, '*** End Patch', '```'].join('\n')],
    ['CRLF line breaks and surrounding blank lines', ['', '*** Begin Patch', ...body, '*** End Patch', '', ''].join('\r\n')],
    ['padded markers and headers', ['  *** Begin Patch  ', '   *** Update File: f.txt  ', '@@', '-a', '+b', '\t*** End Patch'].join('\n')],
    ['a unified hunk header in place of @@', ['*** Begin Patch', '*** Update File: f.txt', '@@ -1,1 +1,1 @@', '-a', '+b', '*** End Patch'].join('\n')],
  ]) {
    it(`reads ${name}`, () => assert.deepEqual(expectedOps(parsePatch(text).ops), plain));
  }

  it('skips blank lines between file sections', () => {
    const ops = parsePatch(['*** Begin Patch', '*** Add File: a', '+x', '', '*** Delete File: b', '', '*** End Patch'].join('\n')).ops;
    assert.deepEqual(ops.map((o) => [o.type, o.path]), [
      ['add', 'a'],
      ['delete', 'b'],
    ]);
  });

  it('treats an indented marker inside a chunk as a context line, as Codex does', () => {
    const [op] = parsePatch(['*** Begin Patch', '*** Update File: f', '@@', ' *** End of File', '-a', '+b', '*** End Patch'].join('\n')).ops;
    assert.ok(op.type === 'update');
    assert.deepEqual(op.chunks[0].oldLines, ['*** End of File', 'a']);
    assert.equal(op.chunks[0].endOfFile, false);
  });

  it("reports a bad line with Codex's message and line number", () => {
    assert.throws(
      () => parsePatch(['*** Begin Patch', '*** Update File: f', '@@', '-a', '+b', 'oops', '*** End Patch'].join('\n')),
      (e: PatchError) => e.kind === 'invalidHunk' && e.patchLine === 6 && e.message === "Invalid patch hunk on line 6: Expected update hunk to start with a @@ context marker, got: 'oops'",
    );
    assert.throws(() => parsePatch('just some text'), (e: PatchError) => e.message === "Invalid patch: The first line of the patch must be '*** Begin Patch'");
  });
});
