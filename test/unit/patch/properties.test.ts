// Properties over random files and random edits (fast-check, bounded runs): a patch we generate from
// old→new applies back to exactly new, partial application is consistent, and any patch, valid or
// mangled, either applies or fails with a PatchError — never another exception, never a path outside.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCodexPatch, parsePatch, PatchError, planPatch, planToWrites, selectHunks } from '../../../src/patch';
import { applyInMemory, memoryReader, ROOT } from './support';

const RUNS = 300;

/** Lines from a small vocabulary, so that files repeat lines and matching has to be careful. */
const line = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', '}', '  }', 'a', 'b', '  return x;', 'x = 1', '*** End Patch', '@@', '-', '+', ' ') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '“', '—', 'é', '*', '@', '-', '+'), maxLength: 6 }) },
);
const lines = fc.array(line, { maxLength: 30 });

type Edit = { at: number; remove: number; insert: string[] };
const edits = fc.array(fc.record({ at: fc.nat(40), remove: fc.nat(3), insert: fc.array(line, { maxLength: 3 }) }), { minLength: 1, maxLength: 5 });

function edit(old: string[], changes: Edit[]): string[] {
  const next = old.slice();
  for (const c of changes) next.splice(Math.min(c.at, next.length), c.remove, ...c.insert);
  return next;
}

const text = (ls: string[], eol = '\n', finalNewline = true) => (ls.length === 0 ? '' : ls.join(eol) + (finalNewline ? eol : ''));

describe('patch: properties', () => {
  it('a patch generated from old→new applies back to exactly new (LF, CRLF, no final newline)', async () => {
    await fc.assert(
      fc.asyncProperty(lines, edits, fc.constantFrom('\n', '\r\n'), fc.boolean(), async (oldLines, changes, eol, oldFinalNewline) => {
        const oldText = text(oldLines, eol, oldFinalNewline);
        const newText = text(edit(oldLines, changes), eol);
        // A file with no line break says nothing about its line ending: lines added to it get LF.
        fc.pre(oldText !== newText && (eol === '\n' || oldText.includes('\r\n')));
        const patch = formatCodexPatch([{ path: 'f.txt', oldText, newText }]);
        const { tree } = await applyInMemory({ 'f.txt': oldText }, patch);
        assert.equal(tree['f.txt'], newText, patch);
      }),
      { numRuns: RUNS },
    );
  });

  it('all hunks give the new text, none the old, and any subset changes exactly its own lines', async () => {
    await fc.assert(
      fc.asyncProperty(lines, edits, fc.array(fc.boolean(), { maxLength: 10 }), async (oldLines, changes, picks) => {
        const oldText = text(oldLines);
        const newText = text(edit(oldLines, changes));
        fc.pre(oldText !== newText);
        const plan = await planPatch(parsePatch(formatCodexPatch([{ path: 'f.txt', oldText, newText }])), memoryReader({ 'f.txt': oldText }), { root: ROOT });
        const file = plan.files[0];
        const all = file.hunks.map((h) => h.index);
        assert.equal(selectHunks(file, all), newText);
        assert.equal(selectHunks(file, []), oldText);
        const chosen = file.hunks.filter((_, i) => picks[i]);
        const partial = selectHunks(file, chosen.map((h) => h.index)) as string;
        const lineCount = (s: string) => (s === '' ? 0 : s.split('\n').length - 1);
        assert.equal(lineCount(partial), lineCount(oldText) + chosen.reduce((n, h) => n + h.additions - h.deletions, 0));
        assert.equal(chosen.length === file.hunks.length, partial === newText);
        assert.equal(chosen.length === 0, partial === oldText);
      }),
      { numRuns: RUNS },
    );
  });

  it('random and mutated patches apply or raise PatchError, and never name a path outside the root', async () => {
    const validPatch = fc.tuple(lines, edits).map(([o, c]) => formatCodexPatch([{ path: 'dir/f.txt', oldText: text(o), newText: text(edit(o, c)) }]));
    const mutation = fc.record({
      kind: fc.constantFrom('drop', 'duplicate', 'insert', 'replace', 'swap', 'truncate'),
      at: fc.nat(60),
      other: fc.nat(60),
      junk: fc.oneof(
        line,
        fc.constantFrom('*** Add File: ../../escape.txt', '*** Delete File: /etc/passwd', '*** Update File: C:\\x', '*** Move to: ../out', '@@ nowhere', '*** End of File', '*** Begin Patch', '<<EOF', 'EOF'),
      ),
    });
    const mutated = fc.tuple(validPatch, fc.array(mutation, { maxLength: 4 })).map(([patch, ms]) => {
      const ls = patch.split('\n');
      for (const m of ms) {
        const i = ls.length === 0 ? 0 : m.at % ls.length;
        const j = ls.length === 0 ? 0 : m.other % ls.length;
        if (m.kind === 'drop') ls.splice(i, 1);
        else if (m.kind === 'duplicate') ls.splice(i, 0, ls[i] ?? '');
        else if (m.kind === 'insert') ls.splice(i, 0, m.junk);
        else if (m.kind === 'replace') ls[i] = m.junk;
        else if (m.kind === 'swap') [ls[i], ls[j]] = [ls[j], ls[i]];
        else ls.length = i;
      }
      return ls.join('\n');
    });
    const anyText = fc.oneof(mutated, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 80 }));
    await fc.assert(
      fc.asyncProperty(anyText, lines, async (patch, fileLines) => {
        const tree = { 'dir/f.txt': text(fileLines), 'other.txt': 'x\n' };
        try {
          const plan = await planPatch(parsePatch(patch), memoryReader(tree), { root: ROOT });
          for (const w of planToWrites(plan)) {
            assert.ok(!w.path.startsWith('/') && !w.path.split('/').includes('..') && w.path !== '', `write outside: ${w.path}`);
          }
        } catch (e) {
          if (!(e instanceof PatchError)) throw e;
        }
      }),
      { numRuns: 200 },
    );
  });
});
