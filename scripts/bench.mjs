// `npm run bench`: runs every bench/*.bench.ts in its own Node process and prints one JSON line per
// measure (each measure compares against a baseline taken in the same process, and states its target).
// Then a summary of which targets were met. Exit code 1 when a target was missed.
// The lines are also saved to test-results/bench/results.jsonl, after a first line saying when, on which
// Node and which benches ran: `npm run readme:measured` makes the README's "Measured" table from it.
// `npm run bench -- patch cli` runs only the benches whose file name contains one of the words.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((o) => f.includes(o))))
  .sort();
/** The longest one bench file may run (the slowest takes about 4 minutes on 2 busy cores). */
const BENCH_TIMEOUT_MS = 15 * 60_000;
const resultsFile = path.join(root, 'test-results', 'bench', 'results.jsonl');
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
const run = { bench: 'run', at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, files };
fs.writeFileSync(resultsFile, JSON.stringify(run) + '\n');
const results = [];
for (const f of files) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join('bench', f)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' },
    maxBuffer: 64 * 1024 * 1024,
    // Bounded: a bench that fails but leaves a server open would otherwise never exit.
    timeout: BENCH_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    console.log(line);
    try {
      results.push({ file: f, ...JSON.parse(line) });
      fs.appendFileSync(resultsFile, line + '\n');
    } catch {
      // A human line from the bench: printed above, not a measure.
    }
  }
  if (r.status !== 0) {
    const how = r.signal ? `was stopped (${r.signal}) after ${BENCH_TIMEOUT_MS / 60_000} minutes` : `exited with ${r.status}`;
    console.error(`bench ${f} ${how}:\n${r.stderr}`);
    results.push({ file: f, bench: f, pass: false });
    fs.appendFileSync(resultsFile, JSON.stringify({ bench: f, pass: false, error: how }) + '\n');
  }
}
const missed = results.filter((r) => r.pass === false);
console.log(`\nbench: ${results.length - missed.length} of ${results.length} measures met their target${missed.length ? `; missed: ${missed.map((m) => m.bench).join(', ')}` : ''}`);
console.log(`(saved to ${path.relative(root, resultsFile)}; \`npm run readme:measured\` puts them in the README)`);
process.exitCode = missed.length ? 1 : 0;
