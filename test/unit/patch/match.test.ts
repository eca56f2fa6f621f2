// How chunks find their place: Codex's four passes, in order, first match after the cursor, @@ anchors,
// End of File, and what the error says when nothing matches.
import assert from 'node:assert/strict';
import { PatchError } from '../../../src/patch';
import { applyInMemory } from './support';

const update = (path: string, ...body: string[]) => ['*** Begin Patch', `*** Update File: ${path}`, ...body, '*** End Patch'].join('\n');

async function applied(text: string, ...body: string[]): Promise<string> {
  return (await applyInMemory({ 'f.txt': text }, update('f.txt', ...body))).tree['f.txt'];
}

async function failure(tree: Record<string, string>, patch: string): Promise<PatchError> {
  try {
    await applyInMemory(tree, patch);
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('the patch applied');
}

describe('patch: matching', () => {
  it('prefers an exact match over an earlier whitespace-insensitive one', async () => {
    // Pass 1 (exact) finds line 3; the earlier "  a" would only match on pass 3.
    assert.equal(await applied('  a\nx\na\n', '@@', '-a', '+A'), '  a\nx\nA\n');
  });

  it('matches ignoring trailing whitespace (pass 2), writing the replacement verbatim', async () => {
    assert.equal(await applied('keep\nvalue = 1   \t\nkeep\n', '@@', '-value = 1', '+value = 2'), 'keep\nvalue = 2\nkeep\n');
  });

  it('matches ignoring indentation (pass 3) and does not re-indent, as Codex', async () => {
    assert.equal(await applied('def f():\n        return 1\n', '@@', ' def f():', '-return 1', '+    return 2'), 'def f():\n    return 2\n');
  });

  it('keeps context lines as the file has them, even when a fuzzy pass matched them (Codex rewrites them)', async () => {
    // Codex would write the context line as the patch spells it ("if x:"), dropping the file's indentation
    // and trailing spaces; a context line is by definition unchanged, so we keep the file's own.
    assert.equal(await applied('    if x:   \n        y = 1\n', '@@', ' if x:', '-y = 1', '+        y = 2'), '    if x:   \n        y = 2\n');
  });

  it('matches typographic quotes, dashes and spaces against ASCII (pass 4), both ways', async () => {
    assert.equal(await applied('say \u201chi\u201d \u2014 it\u2019s\u00a0ok\n', '@@', '-say "hi" - it\'s ok', '+said'), 'said\n');
    assert.equal(await applied('a - b\n', '@@', '-a \u2013 b', '+c'), 'c\n');
  });

  it('takes the first match at or after the cursor, and moves the cursor past it', async () => {
    assert.equal(await applied('x\ny\nx\ny\n', '@@', '-x', '+X1', '@@', '-x', '+X2'), 'X1\ny\nX2\ny\n');
  });

  it('refuses chunks given out of file order (the cursor never moves back)', async () => {
    const e = await failure({ 'f.txt': 'a\nb\nc\n' }, update('f.txt', '@@', '-c', '+C', '@@', '-a', '+A'));
    assert.equal(e.kind, 'noMatch');
    assert.equal(e.chunk, 2);
  });

  it('moves the cursor past an @@ anchor, so the chunk lands in the right function', async () => {
    const text = 'def a():\n    x = 1\ndef b():\n    x = 1\n';
    assert.equal(await applied(text, '@@ def b():', '-    x = 1', '+    x = 2'), 'def a():\n    x = 1\ndef b():\n    x = 2\n');
  });

  it('matches an anchor with the same fuzzy passes', async () => {
    assert.equal(await applied('  function   a() {  \n  x\n', '@@ function   a() {', '-x', '+y'), '  function   a() {  \ny\n');
  });

  it('appends a chunk with no old lines at the end of the file, even under an anchor (Codex)', async () => {
    assert.equal(await applied('a\nb\nc\n', '@@ a', '+x'), 'a\nb\nc\nx\n');
  });

  it('matches an End of File chunk only at the end', async () => {
    assert.equal(await applied('x\ny\nx\n', '@@', '-x', '+Z', '*** End of File'), 'x\ny\nZ\n');
    const e = await failure({ 'f.txt': 'a\nb\nc\n' }, update('f.txt', '@@', '-a', '+A', '*** End of File'));
    assert.equal(e.kind, 'noMatch');
    assert.match(e.message, /only at the end of the file/);
  });

  it('retries without a trailing blank context line (blank lines between chunks)', async () => {
    assert.equal(await applied('a\nb\nc\n', '@@', '-b', '+B', '', '@@', '-c', '+C'), 'a\nB\nC\n');
  });

  it('names the file, the chunk, the lines looked for and the closest lines found when nothing matches', async () => {
    const text = ['function one() {', '  return 1;', '}', '', 'function two() {', '  const value = compute();', '  return value + 1;', '}', ''].join('\n');
    const e = await failure(
      { 'src/m.ts': text },
      update('src/m.ts', '@@', ' function one() {', '-  return 1;', '+  return 10;', '@@', ' function two() {', '-  const value = computeIt();', '   return value + 1;', '+  return 0;'),
    );
    assert.equal(e.kind, 'noMatch');
    assert.equal(e.path, 'src/m.ts');
    assert.equal(e.chunk, 2);
    assert.equal(e.patchLine, 7);
    assert.deepEqual(e.expected, ['function two() {', '  const value = computeIt();', '  return value + 1;']);
    assert.deepEqual(e.closest, { line: 5, lines: ['function two() {', '  const value = compute();', '  return value + 1;'], matching: 2 });
    assert.ok(e.message.startsWith('Failed to find expected lines in src/m.ts:\nfunction two() {\n  const value = computeIt();\n  return value + 1;\n'));
    assert.match(e.message, /chunk 2 of 2, patch line 7; looked for from line 3 on/);
    assert.match(e.message, /\n {5}6\| {3}const value = compute\(\);/);
  });

  it('shows the most similar line when no line matches at all', async () => {
    const e = await failure({ 'f.txt': 'alpha = 1\nbeta = 2\ngamma = 3\n' }, update('f.txt', '@@', '-betta = 2', '+beta = 4'));
    assert.deepEqual(e.closest, { line: 2, lines: ['beta = 2'], matching: 0 });
  });

  it("reports a missing anchor in Codex's words", async () => {
    const e = await failure({ 'f.txt': 'a\n' }, update('f.txt', '@@ class Missing:', '-a', '+b'));
    assert.ok(e.message.startsWith("Failed to find context 'class Missing:' in f.txt\n"));
    assert.equal(e.chunk, 1);
  });
});
