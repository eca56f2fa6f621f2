// `npm run readme:measured`: the README's Measured section is made from bench JSON lines, exactly, and
// nothing else in the README changes by a byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts/readme-measured.mjs');

/** One full bench run, as scripts/bench.mjs saves it (values from a real run, rounded). */
const RESULTS = [
  { bench: 'run', at: '2026-12-07T03:40:00.000Z', node: 'v20.20.2', cpus: 2, files: ['activation.bench.ts'] },
  { bench: 'extension.activation', runs: 5, activationMs: 26.4, allRunsMs: [26.4], loadMs: 20.1, baselineMinimalExtensionMs: 24.9, servicesLoadMs: 131.6, allBaselineRunsMs: [24.9], ratioToBaseline: 1.06, target: 'ratioToBaseline <= 1.5', pass: true },
  { bench: 'cli.exec', rounds: 15, oursCpuMs: 388, baselineBareSdkCpuMs: 135, oursMs: 1129, baselineBareSdkMs: 514, wallRatio: 2.44, nodeStartMs: 77, exitAfterTurnCompletedMs: 14, ratio: 2.89, target: 'ratio <= 4', pass: true },
  { bench: 'engine.memory.500turns', turns: 500, baselineHeapMb: 40.1, afterHeapMb: 46.3, engineHeapMb: 6.2, rssMb: 150, ratioToBaseline: 1.15, seconds: 20, target: 'engineHeapMb < 200', pass: true },
  { bench: 'engine.delta.overhead.azure', deltas: 20000, p50Ms: 0.002, p99Ms: 0.008, maxMs: 1.2, target: 'p99 < 1 ms', pass: true },
  { bench: 'engine.delta.throughput.azure', rounds: 7, deltasPerRound: 5000, wallDeltasPerSecond: 23176, baselineWallPerSecond: 46035, deltasPerCpuSecond: 46487, baselineAdapterOnlyPerCpuSecond: 66162, wallRatioToBaseline: 0.5, cpuRatioToBaseline: 0.7, target: 'cpuRatioToBaseline >= 0.5', pass: true },
  { bench: 'engine.delta.overhead.bedrock', deltas: 20000, p50Ms: 0.003, p99Ms: 0.011, maxMs: 2, target: 'p99 < 1 ms', pass: true },
  { bench: 'engine.delta.throughput.bedrock', rounds: 7, deltasPerRound: 5000, wallDeltasPerSecond: 3342, baselineWallPerSecond: 3944, deltasPerCpuSecond: 19894, baselineAdapterOnlyPerCpuSecond: 30989, wallRatioToBaseline: 0.85, cpuRatioToBaseline: 0.64, target: 'cpuRatioToBaseline >= 0.5', pass: true },
  { bench: 'patch.apply', lines: 100000, chunks: 1000, rounds: 25, oursCpuMs: 15.9, baselineCpuMs: 37.4, ratio: 0.413, ratioP25P75: [0.398, 0.49], target: 'ratio <= 1.0', pass: true },
  { bench: 'patch.apply', lines: 10000, chunks: 100, rounds: 25, oursCpuMs: 1.6, baselineCpuMs: 1.9, ratio: 0.874, ratioP25P75: [0.777, 0.973], target: 'ratio <= 1.0', pass: true },
  { bench: 'patch.scaling', lines: [10000, 100000], rounds: 25, ratio10x: 10.023, ratio10xP25P75: [9.056, 11.007], target: '<= 12', pass: false },
  { bench: 'prompt.overhead', tokenizer: 'o200k_base', systemPromptTokens: 400, toolDefinitionTokens: 754, totalTokens: 1154, target: 'totalTokens <= 1800', pass: true },
  { bench: 'prompt.overhead.mcp20', tokenizer: 'o200k_base', mcpTools: 20, addedTokens: 438, eagerAddedTokens: 2264, totalTokens: 1592, target: 'totalTokens <= 1800', pass: true },
  { bench: 'vsix.size', bytes: 1604321, mb: 1.53, uncompressedParts: { 'extension-services.js': 637952 }, target: 'mb < 3', pass: true },
];

const EXPECTED = `| measure | result | target |
| --- | --- | --- |
| activation in a real extension host, against a one-command extension (median of 5) | 1.06× (26.4 ms vs 24.9 ms) | ≤ 1.5× |
| VSIX size | 1.53 MB | < 3 MB |
| fixed prompt (system + tools), o200k tokens | 1,154 | ≤ 1,800 |
| fixed prompt with a 20-tool MCP server (schemas deferred), o200k tokens | 1,592 (+438; sending every schema: +2,264) | ≤ 1,800 |
| engine overhead per streamed delta, p99 (Azure SSE loopback) | 0.008 ms | < 1 ms |
| engine overhead per streamed delta, p99 (Bedrock event-stream loopback) | 0.011 ms | < 1 ms |
| engine throughput per CPU-second against the adapter alone (Azure SSE loopback) | 0.7× (46,487 vs 66,162 deltas/s) | ≥ 0.5× |
| engine throughput per CPU-second against the adapter alone (Bedrock event-stream loopback) | 0.64× (19,894 vs 30,989 deltas/s) | ≥ 0.5× |
| engine heap after a 500-turn session | 6.2 MB | < 200 MB |
| patch apply vs jsdiff \`applyPatch\`, 100k lines / 1,000 chunks (CPU time) | 0.413× (p25–p75 0.398–0.49) | ≤ 1.0× |
| patch apply vs jsdiff \`applyPatch\`, 10k lines / 100 chunks (CPU time) | 0.874× (p25–p75 0.777–0.973) | ≤ 1.0× |
| patch cost for 10× the file | 10.023× (p25–p75 9.056–11.007) ✗ (missed) | ≤ 12× |
| \`crosswind exec\`, a 1-request turn, start to exit, CPU time vs a bare AWS SDK call | 2.89× (388 ms vs 135 ms; wall 1,129 vs 514 ms, exit 14 ms after turn.completed) | ≤ 4× |

\`npm run bench\` prints these as JSON lines, each against a baseline measured in the same run; this table is made from them by \`npm run readme:measured\` (last run 2026-12-07, Node v20.20.2, 2 CPUs).
Activation is mostly VS Code loading any extension: Crosswind's \`activate()\` only registers its commands and view, and its services (623 KB) load on the next tick, in about 132 ms.`;

/** Text around the section that a careless rewrite would disturb: CRLF, no final newline, a stale table. */
const BEFORE = '# Title\r\n\r\nSome text with trailing spaces   \r\n\n## Measured\n\n<!-- measured:start -->\n';
const AFTER = '<!-- measured:end -->\n\n## Next\n\n| other | table |\n| --- | --- |\n| 1 | 2 |\n  ✓ unicode, no final newline';

function run(readme: string, results: string): { status: number | null; stderr: string; readme: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-readme-'));
  try {
    fs.writeFileSync(path.join(dir, 'README.md'), readme);
    fs.writeFileSync(path.join(dir, 'results.jsonl'), results);
    const r = spawnSync(process.execPath, [SCRIPT, '--readme', path.join(dir, 'README.md'), path.join(dir, 'results.jsonl')], { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr, readme: fs.readFileSync(path.join(dir, 'README.md'), 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('scripts/readme-measured.mjs', () => {
  const jsonl = RESULTS.map((r) => JSON.stringify(r)).join('\n') + '\n\nbench: 12 of 13 measures met their target\n';

  it('writes the table and its notes from the bench lines, and leaves the rest of the README byte for byte', () => {
    const r = run(`${BEFORE}| stale | table |\nold paragraph\n${AFTER}`, jsonl);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.readme, `${BEFORE}${EXPECTED}\n${AFTER}`);
  });

  it('gives the same README when run again (nothing to drift)', () => {
    const once = run(`${BEFORE}${AFTER}`, jsonl).readme;
    assert.equal(run(once, jsonl).readme, once);
  });

  it('refuses results of a partial run, naming what is missing, and leaves the README alone', () => {
    const partial = RESULTS.filter((r) => r.bench !== 'vsix.size' && r.bench !== 'cli.exec');
    const readme = `${BEFORE}| kept |\n${AFTER}`;
    const r = run(readme, partial.map((x) => JSON.stringify(x)).join('\n'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /vsix\.size/);
    assert.match(r.stderr, /cli\.exec/);
    assert.equal(r.readme, readme);
  });

  it('refuses a README without the markers', () => {
    const r = run('# no markers\n', jsonl);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /<!-- measured:start -->/);
    assert.equal(r.readme, '# no markers\n');
  });
});
