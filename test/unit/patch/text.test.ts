// The file's own conventions survive a patch: line endings, a byte-order mark, the final newline rule;
// and files that are not UTF-8 text are refused rather than damaged.
import assert from 'node:assert/strict';
import { decodeFileBytes, decodeUtf8, detectEol, PatchError, planPatch, parsePatch, planToWrites } from '../../../src/patch';
import { applyInMemory, memoryReader, ROOT } from './support';

const update = (path: string, ...body: string[]) => ['*** Begin Patch', `*** Update File: ${path}`, ...body, '*** End Patch'].join('\n');

async function refusal(bytes: Uint8Array): Promise<PatchError> {
  try {
    await planPatch(parsePatch(update('f.bin', '@@', '-a', '+b')), memoryReader({ 'f.bin': bytes }), { root: ROOT });
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('the patch applied');
}

describe('patch: line endings, BOM and encoding', () => {
  it('keeps a CRLF file CRLF: untouched lines byte for byte, new lines with CRLF', async () => {
    const { tree } = await applyInMemory({ 'w.txt': 'one\r\ntwo\r\nthree\r\n' }, update('w.txt', '@@', ' one', '-two', '+TWO', '+two and a half'));
    assert.equal(tree['w.txt'], 'one\r\nTWO\r\ntwo and a half\r\nthree\r\n');
  });

  it('accepts a patch written with CRLF line breaks', async () => {
    const patch = update('f.txt', '@@', '-a', '+b').replace(/\n/g, '\r\n');
    assert.equal((await applyInMemory({ 'f.txt': 'a\n' }, patch)).tree['f.txt'], 'b\n');
  });

  it('keeps each untouched line of a mixed-ending file as it was, and gives new lines the dominant ending', async () => {
    const { tree } = await applyInMemory({ 'm.txt': 'a\r\nb\nc\r\nd\r\n' }, update('m.txt', '@@', ' b', '-c', '+C'));
    assert.equal(tree['m.txt'], 'a\r\nb\nC\r\nd\r\n');
    assert.equal(detectEol('a\r\nb\nc\r\n'), '\r\n');
    assert.equal(detectEol('a\nb\r\nc\n'), '\n');
  });

  it('keeps a UTF-8 byte-order mark, and matches the first line without it', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('first\nsecond\n')]);
    const plan = await planPatch(parsePatch(update('b.txt', '@@', '-first', '+FIRST')), memoryReader({ 'b.txt': bytes }), { root: ROOT });
    assert.deepEqual(planToWrites(plan), [{ op: 'write', path: 'b.txt', text: 'FIRST\nsecond\n', bom: true, expected: 'first\nsecond\n' }]);
  });

  it('strips a BOM from editor text and keeps it on write', async () => {
    const plan = await planPatch(parsePatch(update('e.txt', '@@', '-x', '+y')), async () => ({ kind: 'text', text: '\uFEFFx\n', version: 3, dirty: true }), {});
    assert.equal(plan.files[0].bom, true);
    assert.equal(plan.files[0].newText, 'y\n');
  });

  it('ends an updated file with a newline (Codex 0.169), and an emptied file with nothing', async () => {
    assert.equal((await applyInMemory({ 'f.txt': 'a\nb' }, update('f.txt', '@@', ' a', '-b', '+B'))).tree['f.txt'], 'a\nB\n');
    assert.equal((await applyInMemory({ 'f.txt': 'a\nb' }, update('f.txt', '@@', '-a', '+A'))).tree['f.txt'], 'A\nb\n');
    assert.equal((await applyInMemory({ 'f.txt': 'a\nb\n' }, update('f.txt', '@@', '-a', '-b'))).tree['f.txt'], '');
    assert.equal((await applyInMemory({ 'f.txt': 'a\r\nb' }, update('f.txt', '@@', '-a', '+A'))).tree['f.txt'], 'A\r\nb\r\n');
  });

  it('refuses a file with NUL bytes as binary, naming the file', async () => {
    const e = await refusal(new Uint8Array([0x61, 0x0a, 0x00, 0x01]));
    assert.equal(e.kind, 'notText');
    assert.equal(e.message, 'Failed to read file to update f.bin: it contains NUL bytes (a binary file; first at byte 2)');
  });

  it('refuses invalid UTF-8 (a Latin-1 file) and UTF-16', async () => {
    assert.match((await refusal(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]))).message, /not valid UTF-8 text \(bad byte sequence at byte 3\)/);
    assert.match((await refusal(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).message, /encoded as UTF-16 \(little-endian\)/);
  });

  it('still deletes a binary file, and replaces one with an Add (no text to compare, so no check)', async () => {
    const tree = { 'img.png': new Uint8Array([0x89, 0x50, 0x00, 0xff]) };
    const del = await planPatch(parsePatch('*** Begin Patch\n*** Delete File: img.png\n*** End Patch'), memoryReader(tree), { root: ROOT });
    assert.deepEqual(planToWrites(del), [{ op: 'delete', path: 'img.png' }]);
    const add = await planPatch(parsePatch('*** Begin Patch\n*** Add File: img.png\n+text now\n*** End Patch'), memoryReader(tree), { root: ROOT });
    assert.deepEqual(planToWrites(add), [{ op: 'write', path: 'img.png', text: 'text now\n', bom: false }]);
  });

  it('decodes UTF-8 exactly as a strict decoder does, and rejects overlong forms and surrogates', () => {
    const text = 'ascii é ß € 𝄞 😀 \u{10FFFF}';
    assert.equal(decodeUtf8(new Uint8Array(Buffer.from(text, 'utf8'))), text);
    for (const bad of [
      [0xc0, 0xaf], // overlong '/'
      [0xe0, 0x80, 0xaf], // overlong
      [0xed, 0xa0, 0x80], // a UTF-16 surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xe2, 0x82], // truncated
      [0x80], // stray continuation
    ]) {
      assert.equal(typeof decodeUtf8(new Uint8Array(bad)), 'object', `accepted ${bad.map((b) => b.toString(16))}`);
    }
    assert.deepEqual(decodeFileBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])), { ok: true, text: 'hi', bom: true });
  });
});
