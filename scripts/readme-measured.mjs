#!/usr/bin/env node
// `npm run readme:measured [-- FILE]`: rewrites the README's "Measured" section — everything between
// `<!-- measured:start -->` and `<!-- measured:end -->` — from the JSON lines `npm run bench` saved
// (default test-results/bench/results.jsonl; `-` reads standard input), so the figures a reader sees are
// the ones a bench run printed, never copied by hand. The rest of the README is left byte for byte.
// The results must come from one full run: a measure the table needs that is missing is an error.
// `--readme PATH` rewrites another file (the tests use it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const START = '<!-- measured:start -->';
export const END = '<!-- measured:end -->';

const n = (x, digits = 0) => Number(x).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const KB = 1024;

/** "ratio <= 1.0" → "≤ 1.0": the comparison and the number of the bench's own target, in the table's words. */
function target(line, unit = '') {
  const m = /(<=|>=|<|>)\s*([\d.,_]+)/.exec(line.target ?? '');
  if (!m) throw new Error(`${line.bench}: no target in ${JSON.stringify(line.target)}`);
  const op = { '<=': '≤', '>=': '≥', '<': '<', '>': '>' }[m[1]];
  const value = Number(m[2].replace(/[,_]/g, ''));
  return `${op} ${Number.isInteger(value) && value >= 1000 ? n(value) : m[2]}${unit}`;
}

const mark = (line) => (line.pass === false ? ' ✗ (missed)' : '');
const spreadOf = (pair) => (Array.isArray(pair) ? ` (p25–p75 ${pair[0]}–${pair[1]})` : '');

/** The table's rows: which measure, how it is named, its result and its target. */
const ROWS = [
  {
    id: 'extension.activation',
    find: (l) => l.bench === 'extension.activation',
    label: (l) => `activation in a real extension host, against a one-command extension (median of ${l.runs})`,
    result: (l) => `${l.ratioToBaseline}× (${l.activationMs} ms vs ${l.baselineMinimalExtensionMs} ms)`,
    target: (l) => `${target(l)}×`,
  },
  {
    id: 'vsix.size',
    find: (l) => l.bench === 'vsix.size',
    label: () => 'VSIX size',
    result: (l) => `${l.mb.toFixed(2)} MB`,
    target: (l) => target(l, ' MB'),
  },
  {
    id: 'prompt.overhead',
    find: (l) => l.bench === 'prompt.overhead',
    label: (l) => `fixed prompt (system + tools), ${l.tokenizer.replace('_base', '')} tokens`,
    result: (l) => n(l.totalTokens),
    target: (l) => target(l),
  },
  {
    id: 'prompt.overhead.mcp20',
    find: (l) => l.bench === 'prompt.overhead.mcp20',
    label: (l) => `fixed prompt with a ${l.mcpTools}-tool MCP server (schemas deferred), ${l.tokenizer.replace('_base', '')} tokens`,
    result: (l) => `${n(l.totalTokens)} (+${n(l.addedTokens)}; sending every schema: +${n(l.eagerAddedTokens)})`,
    target: (l) => target(l),
  },
  {
    id: 'engine.delta.overhead.azure',
    find: (l) => l.bench === 'engine.delta.overhead.azure',
    label: () => 'engine overhead per streamed delta, p99 (Azure SSE loopback)',
    result: (l) => `${l.p99Ms} ms`,
    target: (l) => target(l, ' ms'),
  },
  {
    id: 'engine.delta.overhead.bedrock',
    find: (l) => l.bench === 'engine.delta.overhead.bedrock',
    label: () => 'engine overhead per streamed delta, p99 (Bedrock event-stream loopback)',
    result: (l) => `${l.p99Ms} ms`,
    target: (l) => target(l, ' ms'),
  },
  {
    id: 'engine.delta.throughput.azure',
    find: (l) => l.bench === 'engine.delta.throughput.azure',
    label: () => 'engine throughput per CPU-second against the adapter alone (Azure SSE loopback)',
    result: (l) => `${l.cpuRatioToBaseline}× (${n(l.deltasPerCpuSecond)} vs ${n(l.baselineAdapterOnlyPerCpuSecond)} deltas/s)`,
    target: (l) => `${target(l)}×`,
  },
  {
    id: 'engine.delta.throughput.bedrock',
    find: (l) => l.bench === 'engine.delta.throughput.bedrock',
    label: () => 'engine throughput per CPU-second against the adapter alone (Bedrock event-stream loopback)',
    result: (l) => `${l.cpuRatioToBaseline}× (${n(l.deltasPerCpuSecond)} vs ${n(l.baselineAdapterOnlyPerCpuSecond)} deltas/s)`,
    target: (l) => `${target(l)}×`,
  },
  {
    id: 'engine.memory.500turns',
    find: (l) => l.bench === 'engine.memory.500turns',
    label: () => 'engine heap after a 500-turn session',
    result: (l) => `${n(l.engineHeapMb, 1)} MB`,
    target: (l) => target(l, ' MB'),
  },
  {
    id: 'patch.apply, 100,000 lines',
    find: (l) => l.bench === 'patch.apply' && l.lines === 100_000,
    label: (l) => `patch apply vs jsdiff \`applyPatch\`, ${n(l.lines / 1000)}k lines / ${n(l.chunks)} chunks (CPU time)`,
    result: (l) => `${l.ratio}×${spreadOf(l.ratioP25P75)}`,
    target: (l) => `${target(l)}×`,
  },
  {
    id: 'patch.apply, 10,000 lines',
    find: (l) => l.bench === 'patch.apply' && l.lines === 10_000,
    label: (l) => `patch apply vs jsdiff \`applyPatch\`, ${n(l.lines / 1000)}k lines / ${n(l.chunks)} chunks (CPU time)`,
    result: (l) => `${l.ratio}×${spreadOf(l.ratioP25P75)}`,
    target: (l) => `${target(l)}×`,
  },
  {
    id: 'patch.scaling',
    find: (l) => l.bench === 'patch.scaling',
    label: () => 'patch cost for 10× the file',
    result: (l) => `${l.ratio10x}×${spreadOf(l.ratio10xP25P75)}`,
    target: (l) => `${target(l)}×`,
  },
  {
    id: 'cli.exec',
    find: (l) => l.bench === 'cli.exec',
    label: () => '`crosswind exec`, a 1-request turn, start to exit, CPU time vs a bare AWS SDK call',
    result: (l) =>
      `${l.ratio}× (${n(l.oursCpuMs)} ms vs ${n(l.baselineBareSdkCpuMs)} ms; wall ${n(l.oursMs)} vs ${n(l.baselineBareSdkMs)} ms, exit ${n(l.exitAfterTurnCompletedMs)} ms after turn.completed)`,
    target: (l) => `${target(l)}×`,
  },
];

/** Parses bench JSON lines (other lines are ignored, as `npm run bench` prints a summary too). */
export function parseResults(text) {
  const lines = [];
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (!t.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(t));
    } catch {
      // not a measure
    }
  }
  return lines;
}

/** The generated section, markers excluded. */
export function renderMeasured(results) {
  const missing = [];
  const rows = ROWS.map((row) => {
    const line = results.find(row.find);
    if (!line) missing.push(row.id);
    return line ? `| ${row.label(line)} | ${row.result(line)}${mark(line)} | ${row.target(line)} |` : '';
  });
  if (missing.length) throw new Error(`these measures are not in the bench results (run the whole \`npm run bench\`):\n  ${missing.join('\n  ')}`);
  const run = results.find((l) => l.bench === 'run');
  const activation = results.find((l) => l.bench === 'extension.activation');
  const vsix = results.find((l) => l.bench === 'vsix.size');
  const services = vsix.uncompressedParts?.['extension-services.js'];
  return [
    '| measure | result | target |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `\`npm run bench\` prints these as JSON lines, each against a baseline measured in the same run; this table is made from` +
      ` them by \`npm run readme:measured\`${run ? ` (last run ${run.at.slice(0, 10)}, Node ${run.node}, ${run.cpus} CPUs)` : ''}.`,
    `Activation is mostly VS Code loading any extension: Crosswind's \`activate()\` only registers its commands and view, and` +
      ` its services${services ? ` (${n(services / KB)} KB)` : ''} load on the next tick, in about ${n(activation.servicesLoadMs)} ms.`,
  ].join('\n');
}

/** The README with its measured section replaced; everything outside the markers is kept as it is. */
export function rewriteReadme(readme, results) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0 || end < start) throw new Error(`the README has no ${START} … ${END} section`);
  return `${readme.slice(0, start + START.length)}\n${renderMeasured(results)}\n${readme.slice(end)}`;
}

function main(argv) {
  let readmePath = path.join(root, 'README.md');
  let source = path.join(root, 'test-results', 'bench', 'results.jsonl');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--readme') readmePath = path.resolve(argv[++i]);
    else source = argv[i] === '-' ? '-' : path.resolve(argv[i]);
  }
  const text = source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(source, 'utf8');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const next = rewriteReadme(readme, parseResults(text));
  if (next !== readme) fs.writeFileSync(readmePath, next);
  console.log(`${path.relative(process.cwd(), readmePath) || readmePath}: measured section ${next === readme ? 'already up to date' : 'rewritten'} from ${source === '-' ? 'standard input' : path.relative(process.cwd(), source)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`readme-measured: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
