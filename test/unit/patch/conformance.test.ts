// The Codex apply_patch conformance scenarios, run through `crosswind apply-patch` in-process (the CLI's
// main with a temporary folder as its working directory): the resulting tree must equal expected/ byte
// for byte, and exit code, stdout and first stderr line must agree with the real Codex's. Scenario 015 is
// the deliberate difference: Crosswind is atomic, so the tree stays as it was (empty).
// test/conformance/run.mjs runs the same scenarios against the built bundle.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/cli';
import { codexSuite, requireCodexSuite } from './support';

const ATOMIC_INSTEAD = '015_failure_after_partial_success_leaves_changes';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, rel);
    out[rel.split(path.sep).join('/')] = fs.statSync(full).isDirectory() ? 'dir' : fs.readFileSync(full).toString('base64');
  }
  return out;
}

async function runCli(cwd: string, patch: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(['apply-patch', patch], { stdin: new PassThrough(), stdout, stderr, cwd, env: {} });
  return { code, stdout: out, stderr: err };
}

describe('patch: Codex conformance scenarios (in-process CLI)', function () {
  const suite = codexSuite();
  const scenarios = suite ? fs.readdirSync(path.join(suite, 'scenarios')).filter((n) => /^\d{3}_/.test(n)).sort() : [];
  const reference = new Map<string, { exit: number; stdout: string; stderr: string }>(
    suite ? JSON.parse(fs.readFileSync(path.join(suite, 'reference-run-codex-0.169.0.json'), 'utf8')).map((r: { scenario: string }) => [r.scenario, r]) : [],
  );
  before(function () {
    requireCodexSuite(this);
  });

  it('has all 23 scenarios', () => assert.equal(scenarios.length, 23));

  for (const name of scenarios) {
    it(name + (name === ATOMIC_INSTEAD ? ' (atomic: the tree is left as it was)' : ''), async () => {
      const dir = path.join(suite as string, 'scenarios', name);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-scenario-'));
      try {
        if (fs.existsSync(path.join(dir, 'input'))) fs.cpSync(path.join(dir, 'input'), work, { recursive: true });
        const before = snapshot(work);
        const result = await runCli(work, fs.readFileSync(path.join(dir, 'patch.txt'), 'utf8'));
        assert.deepEqual(snapshot(work), name === ATOMIC_INSTEAD ? before : snapshot(path.join(dir, 'expected')));
        const ref = reference.get(name);
        if (ref) {
          assert.equal(result.code, ref.exit);
          assert.equal(result.stdout, ref.stdout);
          const first = (s: string) => s.replace(/<tmp>\//g, '').split('\n')[0];
          assert.equal(first(result.stderr), first(ref.stderr));
        }
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    });
  }
});
