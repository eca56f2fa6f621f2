// Benchmark: our apply (parse the Codex patch, match every chunk, build the new text and the review hunks)
// against jsdiff's applyPatch on the equivalent unified diff, in the same process, on a 100,000-line file
// with 1,000 chunks and on a 10,000-line file with 100 (the same density), to show how cost scales.
// Run: node --import tsx bench/patch.bench.ts   (one JSON line per measure on stdout)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { applyPatch, createPatch } from 'diff';
import { formatCodexPatch, parsePatch, planPatch, type PatchFileRead } from '../src/patch';

const BLOCKS = 6;
const WARMUP = 2;
/** Timed runs per block: more for the small file, whose runs are short and noisier. */
const runsFor = (lines: number) => (lines >= 100_000 ? 6 : 30);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Case {
  lines: number;
  chunks: number;
  oldText: string;
  newText: string;
  codexPatch: string;
  unifiedDiff: string;
}

/** A deterministic pseudo-random source file: code-like lines, some of them repeated, as real files have. */
function makeCase(lines: number, chunks: number): Case {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const old: string[] = [];
  for (let i = 0; i < lines; i++) {
    const r = random();
    if (r < 0.08) old.push('');
    else if (r < 0.15) old.push('  }');
    else old.push(`  const value${i} = compute(${Math.floor(random() * 1000)}, "item-${i}"); // step ${i % 17}`);
  }
  const next = old.slice();
  const step = Math.floor(lines / chunks);
  // Edit from the bottom so indexes above stay valid: replace, insert after, or delete, in turn.
  for (let c = chunks - 1; c >= 0; c--) {
    const at = c * step + Math.floor(step / 2);
    if (c % 3 === 0) next[at] = next[at] + ' // changed';
    else if (c % 3 === 1) next.splice(at + 1, 0, `  log("inserted ${c}");`);
    else next.splice(at, 1);
  }
  const oldText = old.join('\n') + '\n';
  const newText = next.join('\n') + '\n';
  return {
    lines,
    chunks,
    oldText,
    newText,
    codexPatch: formatCodexPatch([{ path: 'big.ts', oldText, newText }]),
    unifiedDiff: createPatch('big.ts', oldText, newText),
  };
}

async function ours(c: Case): Promise<string> {
  const read = async (): Promise<PatchFileRead> => ({ kind: 'text', text: c.oldText, version: 1, dirty: false });
  const plan = await planPatch(parsePatch(c.codexPatch), read, { root: '/bench' });
  return plan.files[0].newText as string;
}

function baseline(c: Case): string {
  const result = applyPatch(c.oldText, c.unifiedDiff);
  if (result === false) throw new Error('jsdiff could not apply the unified diff');
  return result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Series {
  c: Case;
  ours: number[];
  baseline: number[];
}

async function timeBlock(runs: number, fn: () => unknown): Promise<number[]> {
  collectGarbage();
  const times: number[] = [];
  for (let i = 0; i < WARMUP + runs; i++) {
    const t = performance.now();
    await fn();
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  return times;
}

/**
 * Times in blocks that alternate between the two sides and the two sizes, so that all four series see
 * the same machine load (the machine is shared), with a full garbage collection before each block so
 * that no series pays for collecting another's garbage (jsdiff leaves a string per line behind).
 */
async function measureAll(cases: Case[]): Promise<Series[]> {
  const series: Series[] = [];
  for (const c of cases) {
    if ((await ours(c)) !== c.newText) throw new Error(`our apply gave the wrong text at ${c.lines} lines`);
    if (baseline(c) !== c.newText) throw new Error(`jsdiff gave the wrong text at ${c.lines} lines`);
    series.push({ c, ours: [], baseline: [] });
  }
  for (let block = 0; block < BLOCKS; block++) {
    for (const s of series) {
      s.ours.push(...(await timeBlock(runsFor(s.c.lines), () => ours(s.c))));
      s.baseline.push(...(await timeBlock(runsFor(s.c.lines), () => baseline(s.c))));
    }
  }
  return series;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function main(): Promise<void> {
  const series = await measureAll([makeCase(100_000, 1_000), makeCase(10_000, 100)]);
  const oursMedian: Record<number, number> = {};
  for (const { c, ours: o, baseline: b } of series) {
    const oursMs = median(o);
    const baselineMs = median(b);
    oursMedian[c.lines] = oursMs;
    const ratio = oursMs / baselineMs;
    const line = { bench: 'patch.apply', lines: c.lines, chunks: c.chunks, oursMs: round(oursMs), baselineMs: round(baselineMs), ratio: round(ratio) };
    console.log(JSON.stringify({ ...line, target: 'ratio <= 1.0', pass: ratio <= 1.0 }));
  }
  const ratio10x = oursMedian[100_000] / oursMedian[10_000];
  console.log(JSON.stringify({ bench: 'patch.scaling', lines: [10_000, 100_000], ratio10x: round(ratio10x), target: '<= 12', pass: ratio10x <= 12 }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
