// `crosswind exec` end to end: a 1-request turn, process start to process exit, against a loopback
// Bedrock, compared with a bare AWS SDK call for the same answer from the same server
// (bench/support/bare-converse.ts). Both are bundled with the production build's esbuild options and
// launched the same way (`node <bundle>`), so both pay a process start and the loading of their code;
// the difference is what exec adds: the engine, the credentials check (one STS round trip), the system
// prompt and tools in the request, and the thread, ledger and audit files it writes.
// The target is on CPU time (each process reports its own at exit, bench/support/report-cpu.cjs): on a
// shared machine the wall-time ratio grew with the load (2.4 at load 9, 3.5 at load 19), since the longer
// run is the one preempted more. Wall times are printed too, with the floor any Node process pays
// (`node -e 0`) and how long exec lives after printing turn.completed. Rounds alternate which of the two
// runs first; the figures are medians, the ratio the median of the per-round ratios. Most of exec's extra
// cost is loading its 1.9 MB bundle (`crosswind --version` alone takes ~0.35 s), not the turn.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { startCloud } from '../test/support/engine-harness';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = 15;
const WARMUP_ROUNDS = 2;
const OUT = path.join(ROOT, 'test-results', 'bench');
const REPORT_CPU = path.join(ROOT, 'bench', 'support', 'report-cpu.cjs');

interface Run {
  ms: number;
  cpuMs: number;
  /** From the line holding `marker` on stdout to the process's exit. */
  afterMarkerMs?: number;
}

let runs = 0;

function run(args: string[], env: NodeJS.ProcessEnv, marker?: string): Promise<Run> {
  const cpuFile = path.join(OUT, `cpu-${process.pid}-${runs++}.txt`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-r', REPORT_CPU, ...args], { env: { ...env, CROSSWIND_BENCH_CPU_FILE: cpuFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let markedAt: number | undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (marker && markedAt === undefined && stdout.includes(marker)) markedAt = performance.now();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      const end = performance.now();
      clearTimeout(kill);
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}:\n${stdout}\n${stderr}`));
      const cpuMs = Number(fs.readFileSync(cpuFile, 'utf8'));
      fs.rmSync(cpuFile, { force: true });
      resolve({ ms: end - t0, cpuMs, ...(markedAt === undefined ? {} : { afterMarkerMs: end - markedAt }) });
    });
  });
}

/** Bundles an entry point the way `scripts/build.mjs --production` bundles dist/cli.js (undici beside it). */
async function bundle(entry: string, outfile: string): Promise<void> {
  const { nodeWithLazyUndici } = bundleOptions({ root: ROOT, production: true, version: 'bench' });
  await esbuild.build({ ...nodeWithLazyUndici, entryPoints: [path.join(ROOT, entry)], outfile });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const cli = path.join(OUT, 'cli.js');
  const bare = path.join(OUT, 'bare-converse.js');
  await bundle('src/cli/cli.ts', cli);
  await bundle('bench/support/bare-converse.ts', bare);

  const cloud = await startCloud('bedrock');
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-exec-'));
  const work = path.join(state, 'repo');
  fs.mkdirSync(work);
  const env = { PATH: process.env.PATH ?? '', HOME: state, XDG_STATE_HOME: path.join(state, 'state'), AWS_EC2_METADATA_DISABLED: 'true', ...cloud.env };
  const profile = cloud.profile as { model: string; endpoint: string };
  const answer = () => cloud.script([{ steps: [{ type: 'text', text: 'Done.' }], usage: { input: 1200, output: 3 } }]);
  const ours = () => {
    answer();
    return run([cli, 'exec', '--provider', 'bedrock', '--model', profile.model, '--region', 'us-east-1', '--endpoint', profile.endpoint, '--cwd', work, '--json', 'Say done'], env, '"type":"turn.completed"');
  };
  const baseline = () => {
    answer();
    return run([bare, profile.endpoint, `us.${profile.model}`], env);
  };

  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  const oursCpu: number[] = [];
  const baselineCpu: number[] = [];
  const ratios: number[] = [];
  const wallRatios: number[] = [];
  const exitAfterTurn: number[] = [];
  const nodeMs: number[] = [];
  try {
    for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
      let oRun: Run;
      let b: Run;
      if (r % 2 === 0) {
        oRun = await ours();
        b = await baseline();
      } else {
        b = await baseline();
        oRun = await ours();
      }
      const floor = await run(['-e', '0'], env);
      if (r < WARMUP_ROUNDS) continue;
      oursMs.push(oRun.ms);
      baselineMs.push(b.ms);
      oursCpu.push(oRun.cpuMs);
      baselineCpu.push(b.cpuMs);
      ratios.push(oRun.cpuMs / b.cpuMs);
      wallRatios.push(oRun.ms / b.ms);
      exitAfterTurn.push(oRun.afterMarkerMs ?? NaN);
      nodeMs.push(floor.ms);
    }
  } finally {
    await cloud.close();
    fs.rmSync(state, { recursive: true, force: true });
  }
  const ratio = median(ratios);
  const round = (x: number) => Math.round(x);
  console.log(
    JSON.stringify({
      bench: 'cli.exec',
      rounds: ROUNDS,
      oursCpuMs: round(median(oursCpu)),
      baselineBareSdkCpuMs: round(median(baselineCpu)),
      oursMs: round(median(oursMs)),
      baselineBareSdkMs: round(median(baselineMs)),
      wallRatio: Number(median(wallRatios).toFixed(2)),
      nodeStartMs: round(median(nodeMs)),
      exitAfterTurnCompletedMs: round(median(exitAfterTurn)),
      ratio: Number(ratio.toFixed(2)),
      target: 'ratio <= 4',
      pass: ratio <= 4,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
