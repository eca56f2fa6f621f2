// Planning a whole patch: all or nothing across files, Codex's file operations (moves, overwrites,
// delete-then-add), what gets written and what is checked before writing, and confinement of paths.
import assert from 'node:assert/strict';
import { normalizeWorkspacePath, parsePatch, PatchError, planPatch, planToWrites, summarize, type PatchFileRead } from '../../../src/patch';
import { applyInMemory, memoryReader, ROOT } from './support';

const patch = (...lines: string[]) => ['*** Begin Patch', ...lines, '*** End Patch'].join('\n');

async function planError(tree: Record<string, string>, text: string, root: string | undefined = ROOT): Promise<PatchError> {
  try {
    await planPatch(parsePatch(text), memoryReader(tree), { root });
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('the patch planned');
}

describe('patch: planning', () => {
  it('fails the whole patch when a later chunk of a later file fails, naming that file and chunk (Codex would keep the earlier files)', async () => {
    const tree = { 'a.txt': 'a\n', 'b.txt': 'one\ntwo\n' };
    const e = await planError(
      tree,
      patch('*** Add File: new.txt', '+new', '*** Update File: a.txt', '@@', '-a', '+A', '*** Update File: b.txt', '@@', '-one', '+ONE', '@@', '-three', '+THREE'),
    );
    assert.equal(e.kind, 'noMatch');
    assert.equal(e.path, 'b.txt');
    assert.equal(e.chunk, 2);
  });

  it('refuses an empty patch and an Update of a missing file in Codex words', async () => {
    assert.equal((await planError({}, patch())).message, 'No files were modified.');
    const e = await planError({}, patch('*** Update File: gone.txt', '@@', '-a', '+b'));
    assert.equal(e.kind, 'fileMissing');
    assert.equal(e.message, 'Failed to read file to update gone.txt: No such file or directory (os error 2)');
  });

  it('moves a file: one planned file with both paths, written at the destination and deleted at the source', async () => {
    const { plan, tree } = await applyInMemory({ 'old/a.txt': 'x\ny\n', 'dst/a.txt': 'was here\n' }, patch('*** Update File: old/a.txt', '*** Move to: dst/a.txt', '@@', '-x', '+X'));
    assert.deepEqual(tree, { 'dst/a.txt': 'X\ny\n' });
    assert.equal(plan.files.length, 1);
    const [file] = plan.files;
    assert.deepEqual([file.kind, file.path, file.movePath, file.oldText, file.newText], ['update', 'old/a.txt', 'dst/a.txt', 'x\ny\n', 'X\ny\n']);
    assert.deepEqual(planToWrites(plan), [
      { op: 'write', path: 'dst/a.txt', text: 'X\ny\n', bom: false, expected: 'was here\n' },
      { op: 'delete', path: 'old/a.txt', expected: 'x\ny\n' },
    ]);
    assert.deepEqual(summarize(plan), ['Success. Updated the following files:', 'M dst/a.txt']);
  });

  it('writes an Add with expected null (the file must not exist), and an overwriting Add with the old text', async () => {
    const fresh = await planPatch(parsePatch(patch('*** Add File: n.txt', '+hi')), memoryReader({}), { root: ROOT });
    assert.deepEqual(planToWrites(fresh), [{ op: 'write', path: 'n.txt', text: 'hi\n', bom: false, expected: null }]);
    const over = await planPatch(parsePatch(patch('*** Add File: n.txt', '+hi')), memoryReader({ 'n.txt': 'old\r\n' }), { root: ROOT });
    assert.equal(over.files[0].kind, 'update');
    assert.deepEqual(planToWrites(over), [{ op: 'write', path: 'n.txt', text: 'hi\r\n', bom: false, expected: 'old\r\n' }]);
  });

  it('applies operations on the same path in patch order: delete then add, update then update', async () => {
    const a = await applyInMemory({ 'f.txt': 'old\n' }, patch('*** Delete File: f.txt', '*** Add File: f.txt', '+new'));
    assert.deepEqual(a.tree, { 'f.txt': 'new\n' });
    assert.deepEqual(summarize(a.plan).slice(1), ['A f.txt', 'D f.txt']);
    const b = await applyInMemory({ 'f.txt': 'a\nb\n' }, patch('*** Update File: f.txt', '@@', '-a', '+A', '*** Update File: f.txt', '@@', '-b', '+B'));
    assert.deepEqual(b.tree, { 'f.txt': 'A\nB\n' });
    assert.equal(b.plan.files.length, 1);
    assert.deepEqual(b.plan.files[0].hunks[0].lines, ['-a', '-b', '+A', '+B']);
  });

  it('refuses to delete a directory or update one, in Codex words', async () => {
    const tree = { 'dir/x.txt': 'x\n' };
    assert.ok((await planError(tree, patch('*** Delete File: dir'))).message.startsWith('Failed to delete file dir\n'));
    assert.equal((await planError(tree, patch('*** Update File: dir', '@@', '-x', '+y'))).kind, 'notAFile');
    assert.equal((await planError(tree, patch('*** Add File: dir', '+x'))).kind, 'notAFile');
  });

  it('refuses paths outside the workspace before reading anything', async () => {
    const reads: string[] = [];
    const read = async (p: string): Promise<PatchFileRead> => {
      reads.push(p);
      return { kind: 'missing' };
    };
    for (const bad of ['../escape.txt', 'a/../../escape.txt', '/etc/passwd', '..\\..\\escape.txt', 'C:\\Windows\\x.txt', '//server/share/x']) {
      await assert.rejects(planPatch(parsePatch(patch(`*** Add File: ${bad}`, '+x')), read, { root: ROOT }), (e: PatchError) => {
        assert.equal(e.kind, 'outsideWorkspace', bad);
        assert.equal(e.patchLine, 2);
        return true;
      });
    }
    assert.deepEqual(reads, []);
    assert.equal((await planError({}, patch('*** Add File: .', '+x'))).kind, 'invalidPath');
    assert.equal((await planError({}, patch('*** Add File: sub/', '+x'))).kind, 'invalidPath');
  });

  it('accepts an absolute path inside the root as the same file as its relative form', async () => {
    const { tree } = await applyInMemory({ 'src/a.txt': 'a\n' }, patch('*** Update File: /ws/src/./a.txt', '@@', '-a', '+b'));
    assert.deepEqual(tree, { 'src/a.txt': 'b\n' });
  });
});

describe('patch: normalizeWorkspacePath', () => {
  const ok: [string, string, string][] = [
    ['/ws', 'a/b.txt', 'a/b.txt'],
    ['/ws', './a//b/../c.txt', 'a/c.txt'],
    ['/ws', 'a\\b.txt', 'a/b.txt'],
    ['/ws', '/ws/a.txt', 'a.txt'],
    ['/ws/', '/ws/x/../a.txt', 'a.txt'],
    ['/ws', '%2e%2e/a.txt', '%2e%2e/a.txt'],
    ['/ws', '.', ''],
    ['C:\\work\\proj', 'src\\a.ts', 'src/a.ts'],
    ['C:\\work\\proj', 'c:/WORK/Proj/src/a.ts', 'src/a.ts'],
    ['C:\\work\\proj', '\\work\\proj\\a.ts', 'a.ts'],
    ['\\\\server\\share\\proj', '\\\\SERVER\\share\\proj\\a.ts', 'a.ts'],
  ];
  for (const [root, requested, expected] of ok) {
    it(`${root} + ${requested} → '${expected}'`, () => assert.equal(normalizeWorkspacePath(root, requested), expected));
  }
  const refused: [string, string, string][] = [
    ['/ws', '../x', 'outsideWorkspace'],
    ['/ws', '/wsx/a.txt', 'outsideWorkspace'],
    ['/ws', '/ws/../etc/passwd', 'outsideWorkspace'],
    ['/ws', 'C:\\x', 'outsideWorkspace'],
    ['C:\\work\\proj', 'D:\\work\\proj\\a.ts', 'outsideWorkspace'],
    ['C:\\work\\proj', 'C:\\work\\projX\\a.ts', 'outsideWorkspace'],
    ['C:\\work\\proj', 'C:a.ts', 'invalidPath'],
    ['C:\\work\\proj', '\\\\evil\\share\\a.ts', 'outsideWorkspace'],
    ['/ws', 'a\0b', 'invalidPath'],
    ['/ws', '', 'invalidPath'],
  ];
  for (const [root, requested, kind] of refused) {
    it(`${root} + ${JSON.stringify(requested)} is refused (${kind})`, () => {
      assert.throws(() => normalizeWorkspacePath(root, requested), (e: PatchError) => e.kind === kind);
    });
  }
  it('refuses absolute paths when no root is known', () => {
    assert.throws(() => normalizeWorkspacePath(undefined, '/ws/a'), (e: PatchError) => e.kind === 'outsideWorkspace');
  });
});
