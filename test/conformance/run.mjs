#!/usr/bin/env node
// Runs the Codex apply_patch conformance scenarios against the built CLI (dist/cli.js), the way upstream
// runs them: copy input/ to a temporary folder, run `crosswind apply-patch` there with the whole patch as
// the last argument, and compare the resulting tree (directories and file bytes) with expected/.
// One deliberate difference: 015 expects the tree untouched, because Crosswind applies all or nothing.
// The exit code, standard output and first line of standard error must also agree with the real Codex's
// (reference-run-codex-0.169.0.json), so a crash cannot pass a scenario that expects no change.
//
// The suite is found at $CROSSWIND_SHARED/conformance/codex-apply-patch or ../shared/conformance/
// codex-apply-patch beside the repository; without it, this says so and exits 0. Run `npm run build`
// first (or point $CROSSWIND_CLI at another bundle); without dist/cli.js the CLI is run from source
// through tsx, and this says so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.CROSSWIND_SHARED ? path.resolve(process.env.CROSSWIND_SHARED) : path.resolve(repo, '../shared');
const suite = path.join(shared, 'conformance/codex-apply-patch');
const scenarios = path.join(suite, 'scenarios');
/** Scenarios whose expected tree we deliberately do not produce: the untouched input is expected instead. */
const ATOMIC_INSTEAD = new Set(['015_failure_after_partial_success_leaves_changes']);
const TIMEOUT_MS = 30_000;
const referenceFile = path.join(suite, 'reference-run-codex-0.169.0.json');
/** What the real Codex printed and exited with, per scenario: our exit code, stdout and first stderr line must agree. */
const reference = new Map(
  (fs.existsSync(referenceFile) ? JSON.parse(fs.readFileSync(referenceFile, 'utf8')) : []).map((r) => [r.scenario, r]),
);

if (!fs.existsSync(scenarios)) {
  console.log('conformance: SKIPPED — ../shared/conformance/codex-apply-patch not found');
  if (process.env.CROSSWIND_RESULTS_FILE) fs.writeFileSync(process.env.CROSSWIND_RESULTS_FILE, JSON.stringify({ passed: 0, failed: 0, skipped: true }));
  process.exit(0);
}

const bundle = process.env.CROSSWIND_CLI ? path.resolve(process.env.CROSSWIND_CLI) : path.join(repo, 'dist/cli.js');
const command = fs.existsSync(bundle)
  ? [process.execPath, bundle]
  : [process.execPath, '--import', import.meta.resolve('tsx'), path.join(repo, 'src/cli/cli.ts')];
if (!fs.existsSync(bundle)) console.log('conformance: dist/cli.js not found (run `npm run build`); running the CLI from source');

/** path → 'dir' or the file's bytes (base64), for every entry below `dir`. */
function snapshot(dir) {
  const out = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, child);
      if (fs.statSync(full).isDirectory()) {
        out[child] = 'dir';
        walk(child);
      } else {
        out[child] = fs.readFileSync(full).toString('base64');
      }
    }
  };
  walk('');
  return out;
}

function differences(actual, expected) {
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  return keys.filter((k) => actual[k] !== expected[k]).map((k) => (k in actual ? (k in expected ? `${k} differs` : `${k} unexpected`) : `${k} missing`));
}

function outputDifferences(run, ref) {
  if (!ref) return [];
  const problems = [];
  if (run.status !== ref.exit) problems.push(`exit ${run.status}, Codex exits ${ref.exit}`);
  if (run.stdout !== ref.stdout) problems.push(`stdout ${JSON.stringify(run.stdout)}, Codex prints ${JSON.stringify(ref.stdout)}`);
  // Codex names files by absolute path; we name them relative to the workspace, and may add context lines.
  const firstLine = (s) => s.replace(/<tmp>\//g, '').split('\n')[0];
  if (firstLine(run.stderr) !== firstLine(ref.stderr)) problems.push(`stderr ${JSON.stringify(firstLine(run.stderr))}, Codex says ${JSON.stringify(firstLine(ref.stderr))}`);
  return problems;
}

let passed = 0;
let failed = 0;
for (const name of fs.readdirSync(scenarios).filter((n) => /^\d{3}_/.test(n)).sort()) {
  const dir = path.join(scenarios, name);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `crosswind-conformance-${name.slice(0, 3)}-`));
  try {
    if (fs.existsSync(path.join(dir, 'input'))) fs.cpSync(path.join(dir, 'input'), work, { recursive: true });
    const before = snapshot(work);
    const patch = fs.readFileSync(path.join(dir, 'patch.txt'), 'utf8');
    const run = spawnSync(command[0], [...command.slice(1), 'apply-patch', patch], { cwd: work, encoding: 'utf8', timeout: TIMEOUT_MS });
    const expected = ATOMIC_INSTEAD.has(name) ? before : snapshot(path.join(dir, 'expected'));
    const diff = run.error ? [String(run.error)] : [...differences(snapshot(work), expected), ...outputDifferences(run, reference.get(name))];
    const note = ATOMIC_INSTEAD.has(name) ? ' (atomic: tree left as it was)' : '';
    if (diff.length === 0) {
      passed++;
      console.log(`ok    ${name} (exit ${run.status})${note}`);
    } else {
      failed++;
      console.log(`FAIL  ${name} (exit ${run.status}): ${diff.join('; ')}${note}`);
      if (run.stderr) console.log(`      stderr: ${run.stderr.trim().split('\n').join('\n              ')}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
console.log(`conformance: ${passed} passed, ${failed} failed`);
// For scripts/test.mjs's total.
if (process.env.CROSSWIND_RESULTS_FILE) fs.writeFileSync(process.env.CROSSWIND_RESULTS_FILE, JSON.stringify({ passed, failed }));
process.exit(failed > 0 ? 1 : 0);
