// The real Codex's behaviour, case by case: unit-cases.json (Codex's own unit tests, transcribed) and
// edge-probes-codex-0.169.0.json (edge cases run against the Codex 0.169.0 binary), from the shared
// conformance folder. Where we deliberately differ, the test asserts our behaviour and says why.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parsePatch, PatchError, summarize } from '../../../src/patch';
import { parseChunk } from '../../../src/patch/parse-codex';
import { LineMatcher } from '../../../src/patch/seek';
import { splitLines } from '../../../src/patch/lines';
import { applyInMemory, codexSuite, requireCodexSuite } from './support';

interface Probe {
  case: string;
  files_before: Record<string, string>;
  patch: string;
  exit: number;
  stdout: string;
  stderr: string;
  files_after: Record<string, string>;
}

function load<T>(file: string): T {
  const suite = codexSuite();
  return suite ? (JSON.parse(fs.readFileSync(path.join(suite, file), 'utf8')) as T) : ([] as unknown as T);
}

/** Codex names files by absolute path; we name them relative to the workspace and add context after a blank line. */
function codexFirstLines(stderr: string): string {
  return stderr.replace(/<tmp>\//g, '').trimEnd();
}

/** Applies like the CLI does, in memory: the outcome Codex's probes record. */
async function outcome(files: Record<string, string>, patch: string) {
  try {
    const { plan, tree } = await applyInMemory(files, patch);
    return { exit: 0, stdout: summarize(plan).join('\n') + '\n', stderr: '', files: tree };
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
    return { exit: 1, stdout: '', stderr: e.message + '\n', files };
  }
}

describe('patch: Codex 0.169.0 edge probes', function () {
  before(function () {
    requireCodexSuite(this);
  });
  for (const probe of load<Probe[]>('edge-probes-codex-0.169.0.json')) {
    it(probe.case, async () => {
      const got = await outcome(probe.files_before, probe.patch);
      assert.deepEqual(got.files, probe.files_after);
      assert.equal(got.exit, probe.exit);
      assert.equal(got.stdout, probe.stdout);
      if (probe.stderr === '') assert.equal(got.stderr, '');
      else assert.ok(got.stderr.startsWith(codexFirstLines(probe.stderr)), `stderr was:\n${got.stderr}`);
    });
  }
});

interface UnitCases {
  parse_one_hunk: { name: string; lines: string[]; line_number: number; error: { line_number: number; message: string } }[];
  parse_update_file_chunk: {
    name: string;
    lines: string[];
    line_number: number;
    allow_missing_context: boolean;
    error?: { line_number: number; message: string };
    ok?: { chunk: { change_context: string | null; old_lines: string[]; new_lines: string[]; is_end_of_file: boolean }; lines_consumed: number };
  }[];
  parse_patch: {
    name: string;
    mode: 'strict' | 'lenient';
    patch: string;
    error?: { kind: string; line_number?: number; message: string };
    hunks?: { type: string; path: string; contents?: string; move_path?: string | null; chunks?: { change_context: string | null; old_lines: string[]; new_lines: string[]; is_end_of_file: boolean }[] }[];
    environment_id?: string;
  }[];
  seek_sequence: { name: string; lines: string[]; pattern: string[]; start: number; eof: boolean; expect: number | null }[];
  [key: string]: unknown;
}

describe('patch: Codex unit cases', function () {
  const cases = load<UnitCases | []>('unit-cases.json');
  const unit = Array.isArray(cases) ? null : cases;
  before(function () {
    requireCodexSuite(this);
  });

  for (const c of unit?.parse_one_hunk ?? []) {
    it(`parse_one_hunk: ${c.name}`, () => {
      // Codex numbers lines from Begin Patch; place the header on the line the case names.
      const padding = Array.from({ length: c.line_number - 2 }, (_, i) => `*** Add File: pad${i}`);
      const text = ['*** Begin Patch', ...padding, ...c.lines, '*** End Patch'].join('\n');
      assert.throws(() => parsePatch(text), (e: PatchError) => e.kind === 'invalidHunk' && e.patchLine === c.error.line_number && e.message.endsWith(c.error.message));
    });
  }

  for (const c of unit?.parse_update_file_chunk ?? []) {
    it(`parse_update_file_chunk: ${c.name}`, () => {
      if (c.error) {
        const error = c.error;
        assert.throws(
          () => parseChunk(c.lines, 0, c.line_number, c.allow_missing_context),
          (e: PatchError) => e.patchLine === error.line_number && e.message === `Invalid patch hunk on line ${error.line_number}: ${error.message}`,
        );
        return;
      }
      const ok = c.ok as NonNullable<typeof c.ok>;
      const { chunk, next } = parseChunk(c.lines, 0, c.line_number, c.allow_missing_context);
      assert.equal(next, ok.lines_consumed);
      assert.deepEqual(
        { change_context: chunk.anchor, old_lines: chunk.oldLines, new_lines: chunk.newLines, is_end_of_file: chunk.endOfFile },
        ok.chunk,
      );
    });
  }

  for (const c of unit?.parse_patch ?? []) {
    it(`parse_patch: ${c.name}`, () => {
      // Codex's strict mode rejects a heredoc wrapper; we always parse leniently, as Codex's tool does.
      const strictHeredoc = c.mode === 'strict' && c.patch.startsWith('<<');
      if (c.error && !strictHeredoc) {
        const error = c.error;
        const prefix = error.kind === 'InvalidHunkError' ? `Invalid patch hunk on line ${error.line_number}: ` : 'Invalid patch: ';
        assert.throws(() => parsePatch(c.patch), (e: PatchError) => e.message === prefix + error.message);
        return;
      }
      const parsed = parsePatch(c.patch);
      if (strictHeredoc) {
        assert.equal(parsed.ops.length, 1, 'lenient parsing accepts what strict mode rejects');
        return;
      }
      const hunks = parsed.ops.map((op) => {
        if (op.type === 'add') return { type: 'add', path: op.path, contents: op.contents };
        if (op.type === 'delete') return { type: 'delete', path: op.path };
        return {
          type: 'update',
          path: op.path,
          move_path: op.movePath,
          chunks: op.chunks.map((k) => ({ change_context: k.anchor, old_lines: k.oldLines, new_lines: k.newLines, is_end_of_file: k.endOfFile })),
        };
      });
      assert.deepEqual(hunks, c.hunks);
      if (c.environment_id) assert.equal(parsed.environmentId, c.environment_id);
    });
  }

  for (const c of unit?.seek_sequence ?? []) {
    it(`seek_sequence: ${c.name}`, () => {
      const text = c.lines.map((l) => l + '\n').join('');
      assert.equal(new LineMatcher(splitLines(text)).seek(c.pattern, c.start, c.eof), c.expect);
    });
  }

  const applyKey = Object.keys(unit ?? {}).find((k) => k.startsWith('apply'));
  const applyCases = (applyKey ? (unit as UnitCases)[applyKey] : []) as {
    name: string;
    files?: Record<string, string>;
    patch?: string;
    expect_files?: Record<string, string>;
    stdout?: string;
  }[];
  for (const c of applyCases.filter((a) => a.patch !== undefined)) {
    it(`apply: ${c.name}`, async () => {
      const got = await outcome(c.files ?? {}, c.patch as string);
      assert.equal(got.exit, 0, got.stderr);
      assert.deepEqual(got.files, c.expect_files);
      if (c.stdout) assert.equal(got.stdout, c.stdout);
    });
  }

  it('apply: relative and absolute paths mixed; the summary lists A, then M, then D, with paths as written', async () => {
    const patch = [
      '*** Begin Patch',
      '*** Delete File: relative-delete.txt',
      '*** Update File: /ws/abs-update.txt',
      '@@',
      '-x',
      '+y',
      '*** Add File: /ws/abs-add.txt',
      '+a',
      '*** Delete File: /ws/abs-delete.txt',
      '*** Add File: relative-add.txt',
      '+b',
      '*** Update File: relative-update.txt',
      '@@',
      '-x',
      '+y',
      '*** End Patch',
    ].join('\n');
    const files = { 'relative-delete.txt': 'x\n', 'abs-update.txt': 'x\n', 'abs-delete.txt': 'x\n', 'relative-update.txt': 'x\n' };
    const got = await outcome(files, patch);
    assert.equal(
      got.stdout,
      'Success. Updated the following files:\nA /ws/abs-add.txt\nA relative-add.txt\nM /ws/abs-update.txt\nM relative-update.txt\nD relative-delete.txt\nD /ws/abs-delete.txt\n',
    );
    assert.deepEqual(got.files, { 'abs-update.txt': 'y\n', 'relative-update.txt': 'y\n', 'abs-add.txt': 'a\n', 'relative-add.txt': 'b\n' });
  });

  const previewKey = Object.keys(unit ?? {}).find((k) => k.startsWith('unified_diff'));
  const previews = (previewKey ? (unit as UnitCases)[previewKey] : []) as { name: string; file: string; patch: string; diff: string; new?: string }[];
  for (const c of previews) {
    it(`preview: ${c.name} (same changes; our hunks carry 3 context lines where Codex's preview has 1)`, async () => {
      const name = /\*\*\* Update File: (.*)/.exec(c.patch)?.[1] as string;
      const { plan, tree } = await applyInMemory({ [name]: c.file }, c.patch);
      if (c.new) assert.equal(tree[name], c.new);
      const changes = (lines: string[]) => lines.filter((l) => l.startsWith('-') || l.startsWith('+'));
      const ours = plan.files[0].hunks.flatMap((h) => changes(h.lines));
      assert.deepEqual(ours, changes(c.diff.split('\n').filter((l) => !l.startsWith('@@'))));
    });
  }
});
