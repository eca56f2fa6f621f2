// Benchmark: our apply (parse the Codex patch, match every chunk, build the new text and the review hunks)
// against jsdiff's applyPatch on the equivalent unified diff, in the same process, on a 100,000-line file
// with 1,000 chunks and on a 10,000-line file with 100 (the same density), to show how cost scales.
//
// The machine is shared and its load changes from one second to the next, so runs are timed in CPU time,
// each measure is a ratio taken within one round (a block of runs of ours, a block of jsdiff's, on both
// sizes), and the figure is the median over all rounds, with the spread (p25–p75) printed beside it: a
// slow moment moves one round, not the result.
// Run: node --import tsx --expose-gc bench/patch.bench.ts   (one JSON line per measure on stdout)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { applyPatch, createPatch } from 'diff';
import { formatCodexPatch, parsePatch, planPatch, type PatchFileRead } from '../src/patch';

const ROUNDS = 25;
const WARMUP_ROUNDS = 3;
/** Runs per side per round: about 1 ms each on the small file, 10–30 ms on the large. */
const SMALL_RUNS = 40;
const LARGE_RUNS = 4;

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
  // As a file read from disk arrives: one flat string (a string built by + is a rope until first read).
  const oldText = Buffer.from(old.join('\n') + '\n', 'utf8').toString('utf8');
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

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const median = (values: number[]) => quantile(values, 0.5);

/**
 * The process's CPU time (user + system) for one run, in ms. Not wall time: on a shared machine wall time
 * also counts the moments other processes held the CPU, and a 50 ms run is interrupted more often than a
 * 1 ms one, which alone moved the 10× scaling by a third from one run of the bench to the next.
 */
async function time(fn: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

/**
 * Each side's mean CPU time per run on one case in this round: `runs` runs of one side back to back, then
 * of the other (which goes first alternates from round to round). A block, not a single run: the garbage
 * collector runs every few runs, and a block pays for the collections its own allocations cause, about
 * as often as a real workload would, instead of one run taking the whole collection and the next none.
 */
async function pair(c: Case, runs: number, oursFirst: boolean): Promise<{ ours: number; baseline: number }> {
  const block = async (fn: () => unknown) => {
    let total = 0;
    for (let i = 0; i < runs; i++) total += await time(fn);
    return total / runs;
  };
  if (oursFirst) {
    const o = await block(() => ours(c));
    return { ours: o, baseline: await block(() => baseline(c)) };
  }
  const b = await block(() => baseline(c));
  return { ours: await block(() => ours(c)), baseline: b };
}

interface Round {
  small: { ours: number; baseline: number };
  large: { ours: number; baseline: number };
}

async function measure(small: Case, large: Case): Promise<Round[]> {
  for (const c of [small, large]) {
    if ((await ours(c)) !== c.newText) throw new Error(`our apply gave the wrong text at ${c.lines} lines`);
    if (baseline(c) !== c.newText) throw new Error(`jsdiff gave the wrong text at ${c.lines} lines`);
  }
  // One full collection before timing, none between runs: a forced collection leaves its sweeping to
  // background threads, whose CPU time would be charged to the next run.
  collectGarbage();
  const rounds: Round[] = [];
  for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
    const oursFirst = r % 2 === 0;
    const round = { small: await pair(small, SMALL_RUNS, oursFirst), large: await pair(large, LARGE_RUNS, !oursFirst) };
    if (r >= WARMUP_ROUNDS) rounds.push(round);
  }
  return rounds;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const spread = (xs: number[]) => [round(quantile(xs, 0.25)), round(quantile(xs, 0.75))];

async function main(): Promise<void> {
  const small = makeCase(10_000, 100);
  const large = makeCase(100_000, 1_000);
  const rounds = await measure(small, large);
  for (const [c, key] of [
    [large, 'large'],
    [small, 'small'],
  ] as const) {
    const ratios = rounds.map((r) => r[key].ours / r[key].baseline);
    const ratio = median(ratios);
    console.log(
      JSON.stringify({
        bench: 'patch.apply',
        lines: c.lines,
        chunks: c.chunks,
        rounds: rounds.length,
        oursCpuMs: round(median(rounds.map((r) => r[key].ours))),
        baselineCpuMs: round(median(rounds.map((r) => r[key].baseline))),
        ratio: round(ratio),
        ratioP25P75: spread(ratios),
        target: 'ratio <= 1.0',
        pass: ratio <= 1.0,
      }),
    );
  }
  const scaling = rounds.map((r) => r.large.ours / r.small.ours);
  const ratio10x = median(scaling);
  console.log(
    JSON.stringify({ bench: 'patch.scaling', lines: [10_000, 100_000], rounds: rounds.length, ratio10x: round(ratio10x), ratio10xP25P75: spread(scaling), target: '<= 12', pass: ratio10x <= 12 }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
