// `npm test`: every check, in order, each runner printing its own summary, then one total.
//   lint → type-check → unused exports → tools (Chromium, Node 24 + code-server, installed once into a cache outside the
//   repo) → unit (mocha) → build → patch conformance → webview UI (Chromium) → integration (mocha inside
//   a real VS Code extension host) → package (VSIX) → workbench UI (Playwright in code-server)
// Options: --fast (lint, type-check, unused exports, unit, build, conformance only), --only=step1,step2.
// Exit code: non-zero when any step failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureDeps(root);
const args = process.argv.slice(2);
const fast = args.includes('--fast');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const resultsDir = path.join(root, 'test-results', 'summary');
fs.mkdirSync(resultsDir, { recursive: true });

const env = { ...process.env, FORCE_COLOR: '0' };
const mochaBin = path.join(root, 'node_modules', '.bin', 'mocha');

/**
 * Each step: a command, how to count its tests, the steps it needs, and its time limit — several times
 * what it takes on 2 cores, so a hung step fails with a message instead of holding CI to its own limit.
 */
const steps = [
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings', '0', '.'], minutes: 10 },
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b'], minutes: 10 },
  // Dead code: exports and public class members nothing uses (scripts/unused-exports.mjs).
  { name: 'unused', cmd: ['node', 'scripts/unused-exports.mjs'], minutes: 5 },
  // Chromium (apt), Node 24 and code-server, installed once into a cache outside the repo. Before the unit
  // tests, so that on a fresh machine they find code-server's ripgrep and run the ripgrep search test.
  // With the Codex CLI, which the unit tests drive against the loopback Bedrock servers.
  { name: 'tools', cmd: ['bash', 'scripts/ensure-tools.sh', '--with-codex'], captureEnv: true, slow: true, minutes: 20 },
  { name: 'unit', cmd: [mochaBin, 'test/unit/**/*.test.ts'], results: 'mocha', minutes: 25 },
  { name: 'build', cmd: ['node', 'scripts/build.mjs'], minutes: 5 },
  { name: 'conformance', cmd: ['node', 'test/conformance/run.mjs'], needs: ['build'], results: 'conformance', minutes: 5 },
  { name: 'webview', cmd: [mochaBin, '--config', 'test/e2e/webview/.mocharc.json'], needs: ['build', 'tools'], results: 'mocha', slow: true, minutes: 10 },
  { name: 'integration', cmd: ['node', '--import', 'tsx', 'test/integration/run.ts'], needs: ['build', 'tools'], results: 'integration', slow: true, minutes: 15 },
  { name: 'package', cmd: ['npm', 'run', '--silent', 'package'], needs: ['tools'], slow: true, minutes: 5 },
  { name: 'workbench', cmd: [mochaBin, '--config', 'test/e2e/workbench/.mocharc.json'], needs: ['package', 'tools'], results: 'mocha', slow: true, minutes: 15 },
];

/** Signals a step's whole process group (each step runs in its own). */
function signalGroup(child, sig) {
  try {
    process.kill(-child.pid, sig);
  } catch {
    // already gone
  }
}

/** The step running now: Ctrl-C reaches only the terminal's process group, so it is passed on. */
let current;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current) signalGroup(current, sig);
    process.exit(130);
  });
}

function run(step) {
  return new Promise((resolve) => {
    const resultsFile = path.join(resultsDir, `${step.name}.json`);
    fs.rmSync(resultsFile, { force: true });
    const child = spawn(step.cmd[0], step.cmd.slice(1), {
      cwd: root,
      env: { ...env, CROSSWIND_RESULTS_FILE: resultsFile },
      stdio: ['ignore', step.captureEnv ? 'pipe' : 'inherit', 'inherit'],
      // Its own process group, so a time-out stops everything it started (code-server, Chromium, engines).
      detached: true,
    });
    current = child;
    let out = '';
    let timedOut = false;
    child.stdout?.on('data', (d) => (out += d));
    const limit = setTimeout(() => {
      timedOut = true;
      console.log(`\n=== ${step.name}: still running after ${step.minutes} min — stopping it`);
      signalGroup(child, 'SIGTERM');
      setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000).unref();
    }, step.minutes * 60_000);
    child.on('close', (code) => {
      clearTimeout(limit);
      current = undefined;
      resolve({ code: timedOut ? 124 : (code ?? 1), out, resultsFile, timedOut });
    });
  });
}

/** Tests counted from the runner's own report; a step without tests counts as one check. */
function count(step, code, resultsFile) {
  try {
    if (step.results === 'mocha' || step.results === 'conformance') {
      const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
      return { passed: r.passed, failed: r.failed + (code !== 0 && r.failed === 0 ? 1 : 0), skipped: r.skipped === true };
    }
    if (step.results === 'integration') {
      const r = JSON.parse(fs.readFileSync(path.join(root, 'test-results/integration/results.json'), 'utf8'));
      const passed = r.results.filter((x) => x.state === 'passed').length;
      return { passed, failed: r.failures + (code !== 0 && r.failures === 0 ? 1 : 0) };
    }
  } catch {
    // No report: the runner died before writing it.
    if (step.results) return { passed: 0, failed: 1 };
  }
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

const outcome = new Map();
const table = [];
const t0 = Date.now();
for (const step of steps) {
  if (only && !only.includes(step.name)) continue;
  if (fast && step.slow) continue;
  // A step whose prerequisite ran and failed is skipped (and counted as failed); with --only the
  // prerequisites are assumed to be in place.
  const missing = (step.needs ?? []).filter((n) => outcome.has(n) && outcome.get(n) !== 0);
  if (missing.length) {
    console.log(`\n=== ${step.name}: skipped (needs ${missing.join(', ')})`);
    outcome.set(step.name, 1);
    table.push({ step: step.name, status: 'skipped', passed: 0, failed: 1, seconds: 0 });
    continue;
  }
  console.log(`\n=== ${step.name} (${new Date().toISOString().slice(11, 19)})`);
  const started = Date.now();
  const { code, out, resultsFile, timedOut } = await run(step);
  if (step.captureEnv && code === 0) {
    // ensure-tools prints `export NAME='value'` lines for the steps that follow.
    for (const m of out.matchAll(/^export (\w+)='([^']*)'$/gm)) env[m[1]] = m[2];
  }
  outcome.set(step.name, code);
  const c = count(step, code, resultsFile);
  const seconds = Math.round((Date.now() - started) / 1000);
  table.push({ step: step.name, status: code !== 0 ? 'FAILED' : c.skipped ? 'SKIPPED' : 'ok', ...c, seconds });
  console.log(`=== ${step.name}: ${code === 0 ? 'ok' : timedOut ? `FAILED (over its ${step.minutes} min limit)` : `FAILED (exit ${code})`} — ${c.passed} passed, ${c.failed} failed in ${seconds} s`);
}

console.log('\n=== summary');
for (const r of table) console.log(`  ${r.step.padEnd(12)} ${r.status.padEnd(8)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${String(r.seconds).padStart(5)} s`);
const passed = table.reduce((a, r) => a + r.passed, 0);
const failed = table.reduce((a, r) => a + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed (${Math.round((Date.now() - t0) / 1000)} s on ${os.cpus().length} cores)`);
process.exitCode = failed > 0 ? 1 : 0;
