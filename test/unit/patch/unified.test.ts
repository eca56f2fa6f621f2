// Unified diffs (git diff output), which some models emit: they go through the same planning, review and
// all-or-nothing apply as Codex patches.
import assert from 'node:assert/strict';
import { createTwoFilesPatch } from 'diff';
import { parsePatch, type PatchError } from '../../../src/patch';
import { applyInMemory } from './support';

describe('patch: unified diff input', () => {
  it('applies git diff output: an update, a new file, a deletion and a rename with changes', async () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,3 +1,3 @@',
      ' one',
      '-two',
      '+TWO',
      ' three',
      'diff --git a/new.txt b/new.txt',
      'new file mode 100644',
      'index 0000000..3333333',
      '--- /dev/null',
      '+++ b/new.txt',
      '@@ -0,0 +1,2 @@',
      '+hello',
      '+world',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      'index 4444444..0000000',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git a/old/name.txt b/new/name.txt',
      'similarity index 80%',
      'rename from old/name.txt',
      'rename to new/name.txt',
      'index 5555555..6666666 100644',
      '--- a/old/name.txt',
      '+++ b/new/name.txt',
      '@@ -1,2 +1,2 @@',
      ' keep',
      '-x',
      '+y',
      '',
    ].join('\n');
    const tree = { 'src/a.ts': 'one\ntwo\nthree\n', 'gone.txt': 'bye\n', 'old/name.txt': 'keep\nx\n' };
    const { plan, tree: after } = await applyInMemory(tree, diff);
    assert.equal(plan.patch.format, 'unified');
    assert.deepEqual(after, { 'src/a.ts': 'one\nTWO\nthree\n', 'new.txt': 'hello\nworld\n', 'new/name.txt': 'keep\ny\n' });
    assert.deepEqual(
      plan.files.map((f) => [f.kind, f.path, f.movePath]),
      [
        ['update', 'src/a.ts', undefined],
        ['add', 'new.txt', undefined],
        ['delete', 'gone.txt', undefined],
        ['update', 'old/name.txt', 'new/name.txt'],
      ],
    );
  });

  it('places a hunk by its line number when its context occurs more than once', async () => {
    const block = ['  if (x) {', '    go();', '  }'];
    const old = [...block, 'mid', ...block, 'end'].join('\n') + '\n';
    const next = [...block, 'mid', '  if (x) {', '    stop();', '  }', 'end'].join('\n') + '\n';
    const diff = createTwoFilesPatch('a/f.ts', 'b/f.ts', old, next, undefined, undefined, { context: 1 });
    assert.equal((await applyInMemory({ 'f.ts': old }, diff)).tree['f.ts'], next);
  });

  it('honours "No newline at end of file" on either side', async () => {
    const removeNewline = createTwoFilesPatch('a/f', 'b/f', 'a\nb\n', 'a\nB');
    assert.equal((await applyInMemory({ f: 'a\nb\n' }, removeNewline)).tree.f, 'a\nB');
    const addNewline = createTwoFilesPatch('a/f', 'b/f', 'a\nb', 'a\nb\n');
    assert.equal((await applyInMemory({ f: 'a\nb' }, addNewline)).tree.f, 'a\nb\n');
    const untouchedEnd = createTwoFilesPatch('a/f', 'b/f', 'a\nb\nc\nd\ne\nf', 'A\nb\nc\nd\ne\nf', undefined, undefined, { context: 1 });
    assert.equal((await applyInMemory({ f: 'a\nb\nc\nd\ne\nf' }, untouchedEnd)).tree.f, 'A\nb\nc\nd\ne\nf');
  });

  it('recounts hunk headers a model got wrong', async () => {
    const diff = ['--- a/f.txt', '+++ b/f.txt', '@@ -1,2 +1,2 @@', ' a', '-b', '+B', '+C', ' c', ''].join('\n');
    assert.equal((await applyInMemory({ 'f.txt': 'a\nb\nc\n' }, diff)).tree['f.txt'], 'a\nB\nC\nc\n');
  });

  it('refuses binary diffs and copies with a clear error', () => {
    const binary = ['diff --git a/i.png b/i.png', 'index 1..2 100644', 'Binary files a/i.png and b/i.png differ', ''].join('\n');
    assert.throws(() => parsePatch(binary), (e: PatchError) => e.kind === 'unsupported' && /Binary diffs/.test(e.message));
  });

  it('fails the whole diff when one hunk does not match, naming the file', async () => {
    const diff = ['--- a/f.txt', '+++ b/f.txt', '@@ -1,2 +1,2 @@', ' a', '-zzz', '+B', ''].join('\n');
    await assert.rejects(applyInMemory({ 'f.txt': 'a\nb\n' }, diff), (e: PatchError) => e.kind === 'noMatch' && e.path === 'f.txt' && e.patchLine === 3);
  });
});
