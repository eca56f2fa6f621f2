// The soak: many scripted turns over several threads on Bedrock and Azure, with random faults on the
// clouds, engines killed (in-process, and the real engine process with SIGKILL) and turns interrupted at
// random points. Each turn appends one line to its thread's file through apply_patch (auto-edit). At the
// end every file holds exactly the lines of the turns whose patch the thread says was applied, every
// thread is complete (each turn closed, each tool call answered, as many turns as were started), the
// in-process engine's memory is flat, and a fuzzing pass finds nothing. One JSON line gives the figures.
//
// Bounded: SOAK_TURNS (200), SOAK_MAX_MS (540000: turns stop being started after it), SOAK_FUZZ_RUNS
// (600 patch sets, 5000 webview messages), SOAK_SEED (printed; replays a run).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Turn } from '../../src/protocol';
import { startCloud } from '../support/engine-harness';
import { readThreadRecords, threadProblems, waitFor } from '../support/fault-checks';
import { FaultEngine } from '../support/fault-engine';
import { checkWebviewMessage, patchArbitrary, PatchFuzzBench, recordingHandlers, webviewArbitrary, within } from '../support/fault-fuzz';
import { InProcessDriver, ProcessDriver, startClouds, type SoakDriver } from './soak-drivers';
import { appendPatch, bytesLost, expectedContent, faultsPlayed, planTurn, rng, turnScript, type FaultKind } from './soak-plan';
import { tempDirs } from '../unit/resilience/helpers';

const TURNS = Number(process.env.SOAK_TURNS ?? 200);
const MAX_MS = Number(process.env.SOAK_MAX_MS ?? 540_000);
const FUZZ_RUNS = Number(process.env.SOAK_FUZZ_RUNS ?? 600);
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 2_147_483_647);
/** No turn (with its kill and restart) takes longer than this; one that does stops the soak. */
const TURN_MS = 120_000;

interface SoakThread {
  id: string;
  file: string;
  header: string;
  cloud: number;
  started: number;
}

interface Stats {
  turns: number;
  byStatus: Record<string, number>;
  injected: Partial<Record<FaultKind, number>>;
  survived: number;
  kills: { inProcess: number; process: number };
  interrupts: number;
  cloudsReplaced: number;
  problems: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  try {
    await waitFor('', check, ms);
    return true;
  } catch {
    return false;
  }
}

/** One turn: script, start, maybe interrupt or kill, wait for its end, count what happened. */
async function soakTurn(d: SoakDriver, th: SoakThread, n: number, r: () => number, stats: Stats, rates: { kill: number; interrupt: number; killEvery: number }): Promise<void> {
  const plan = planTurn(r, rates, n % rates.killEvery === 0);
  const cloud = d.clouds[th.cloud]!;
  cloud.requests.length = 0;
  const content = fs.readFileSync(path.join(d.workspace, th.file), 'utf8');
  cloud.script(turnScript(plan, n, appendPatch(th.file, content, `turn ${n}`)));
  const turnId = await d.start(th.id, `Turn ${n}: add a line to ${th.file}`);
  th.started++;
  stats.turns++;
  let killed = false;
  const a = plan.action;
  if (a) {
    if (a.afterDeltas !== undefined) await until(() => d.deltas(turnId, a.at) >= a.afterDeltas! || d.ended(turnId) !== undefined, 15_000);
    else if (a.onPatch) await until(() => d.patchShown(turnId) || d.ended(turnId) !== undefined, 15_000);
    else await sleep(a.afterMs ?? 0);
    if (!d.ended(turnId)) {
      if (a.type === 'kill') {
        await d.kill();
        killed = true;
        stats.kills[d.name === 'process' ? 'process' : 'inProcess']++;
      } else {
        await d.interrupt(th.id);
        stats.interrupts++;
      }
    }
  }
  let final: Turn | undefined;
  if (!killed) {
    if (!(await until(() => d.ended(turnId) !== undefined, 30_000))) {
      stats.problems.push(`turn ${n} (${d.name}) did not end`);
      await d.kill();
    }
    final = d.ended(turnId);
    stats.byStatus[final?.status ?? 'killed'] = (stats.byStatus[final?.status ?? 'killed'] ?? 0) + 1;
  } else stats.byStatus.killed = (stats.byStatus.killed ?? 0) + 1;
  const played = faultsPlayed(plan, cloud.requests.length);
  for (const f of played) stats.injected[f] = (stats.injected[f] ?? 0) + 1;
  const unexpected = final?.status === 'failed' && final.error?.kind !== 'authExpired';
  if (unexpected) stats.problems.push(`turn ${n} failed: ${final?.error?.kind}: ${final?.error?.message}`);
  else if (!final || final.status !== 'failed' || plan.fatalAt) stats.survived += played.length;
  if (cloud.pending() > 0) {
    await d.replaceCloud(th.cloud);
    stats.cloudsReplaced++;
  }
  d.forget();
}

/** After the run: a fresh engine reads every thread back; each must be complete and its file as expected. */
async function verify(d: SoakDriver, threads: SoakThread[], stats: Stats): Promise<number> {
  const fe = await FaultEngine.start({ clouds: d.clouds, workspace: d.workspace, state: d.state });
  let lost = 0;
  try {
    for (const th of threads) {
      const thread = await fe.engine.resumeThread(th.id);
      if (thread.turns.length !== th.started) stats.problems.push(`${th.file}: ${th.started} turns started, ${thread.turns.length} in the thread`);
      for (const p of threadProblems(await readThreadRecords(d.state, th.id))) stats.problems.push(`${th.file}: ${p}`);
      const actual = fs.readFileSync(path.join(d.workspace, th.file), 'utf8');
      const expected = expectedContent(th.header, thread);
      const l = bytesLost(expected, actual);
      if (l) stats.problems.push(`${th.file} (${d.name}): ${l} bytes differ\nexpected:\n${expected}\nactual:\n${actual}`);
      lost += l;
    }
  } finally {
    await fe.engine.shutdown();
  }
  return lost;
}

async function newThreads(d: SoakDriver, n: number, prefix: string): Promise<SoakThread[]> {
  const out: SoakThread[] = [];
  for (let i = 0; i < n; i++) {
    const cloud = i % d.clouds.length;
    const file = `${prefix}${i}.txt`;
    const header = `# ${file}: one line per turn whose patch was applied`;
    fs.writeFileSync(path.join(d.workspace, file), `${header}\n`);
    out.push({ id: await d.newThread(d.clouds[cloud]!.profile.name), file, header, cloud, started: 0 });
  }
  return out;
}

describe('soak: faults, kills and interrupts lose nothing', function () {
  this.timeout(MAX_MS + 300_000);

  it(`${TURNS} turns`, async () => {
    const t0 = Date.now();
    const deadline = t0 + MAX_MS;
    console.log(`soak: seed ${SEED} (SOAK_SEED=${SEED} replays it), ${TURNS} turns, ${MAX_MS / 1000} s for turns`);
    const r = rng(SEED);
    const stats: Stats = { turns: 0, byStatus: {}, injected: {}, survived: 0, kills: { inProcess: 0, process: 0 }, interrupts: 0, cloudsReplaced: 0, problems: [] };
    const heapMB: number[] = [];
    const gc = (globalThis as { gc?: () => void }).gc;
    assert.ok(gc, 'run with --expose-gc (npm run test:soak)');

    // Most turns in-process (memory is measured there), the rest through the real engine process.
    const processTurns = Math.round(TURNS * 0.15);
    const a = tempDirs('cw-soak-a-');
    const inProc = await InProcessDriver.start(a.base, await startClouds(['bedrock', 'azure']));
    const threadsA = await newThreads(inProc, 6, 'in-process-');
    for (let n = 1; n <= TURNS - processTurns && Date.now() < deadline; n++) {
      if (!(await within(TURN_MS, soakTurn(inProc, threadsA[Math.floor(r() * threadsA.length)]!, n, r, stats, { kill: 0.05, interrupt: 0.06, killEvery: 40 }).then(() => true)))) {
        stats.problems.push(`turn ${n} (in-process) hung: the soak stops`);
        break;
      }
      if (n % 20 === 0) {
        gc();
        gc();
        heapMB.push(Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10);
      }
    }
    await inProc.close();

    const b = tempDirs('cw-soak-b-');
    const proc = await ProcessDriver.start(b.base, await startClouds(['azure', 'bedrock']));
    const threadsB = await newThreads(proc, 2, 'process-');
    for (let n = TURNS - processTurns + 1; n <= TURNS && Date.now() < deadline && !stats.problems.length; n++) {
      if (!(await within(TURN_MS, soakTurn(proc, threadsB[Math.floor(r() * threadsB.length)]!, n, r, stats, { kill: 0.15, interrupt: 0.08, killEvery: 6 }).then(() => true)))) {
        stats.problems.push(`turn ${n} (process) hung: the soak stops`);
        break;
      }
    }
    await proc.close();

    const lost = (await verify(inProc, threadsA, stats)) + (await verify(proc, threadsB, stats));
    for (const c of [...inProc.clouds, ...proc.clouds]) await c.close();

    // Fuzzing, with what time is left (at least a minute).
    const fuzzMs = Math.max(60_000, deadline - Date.now());
    const fuzzCloud = await startCloud('bedrock');
    const fuzzBase = tempDirs('cw-soak-fuzz-').base;
    const bench = await PatchFuzzBench.create(fuzzBase, fuzzCloud);
    let patchRuns = 0;
    const patchResult = await fc.check(
      fc.asyncProperty(fc.array(patchArbitrary(bench.outside), { minLength: 1, maxLength: 3 }), async (patches) => {
        patchRuns++;
        fuzzCloud.requests.length = 0;
        assert.deepEqual(await bench.check(patches), [], patches.join('\n-----\n'));
      }),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: fuzzMs * 0.8, markInterruptAsFailure: false, seed: SEED },
    );
    await bench.engine.engine.shutdown();
    await fuzzCloud.close();
    if (patchResult.failed) stats.problems.push(`patch fuzz: ${fc.defaultReportMessage(patchResult)}\n${String(patchResult.errorInstance)}`);
    const got: unknown[] = [];
    const handlers = recordingHandlers(got);
    let webviewRuns = 0;
    const webviewResult = await fc.check(
      fc.asyncProperty(webviewArbitrary(), async (raw) => {
        webviewRuns++;
        got.length = 0;
        assert.deepEqual(await checkWebviewMessage(raw, handlers, got), []);
      }),
      { numRuns: FUZZ_RUNS * 8, interruptAfterTimeLimit: fuzzMs * 0.2, markInterruptAsFailure: false, seed: SEED },
    );
    if (webviewResult.failed) stats.problems.push(`webview fuzz: ${fc.defaultReportMessage(webviewResult)}\n${String(webviewResult.errorInstance)}`);

    const injected = Object.values(stats.injected).reduce((x, y) => x + (y ?? 0), 0);
    const memoryFlat = heapMB.length < 2 || heapMB.at(-1)! <= heapMB[0]! * 1.5 + 8;
    const figures = {
      seed: SEED,
      turns: stats.turns,
      threads: threadsA.length + threadsB.length,
      outcomes: stats.byStatus,
      faultsInjected: injected,
      faultsByKind: stats.injected,
      faultsSurvived: stats.survived,
      kills: stats.kills,
      interrupts: stats.interrupts,
      cloudsReplaced: stats.cloudsReplaced,
      inputsTried: { patchSets: patchRuns, webviewMessages: webviewRuns },
      bytesLost: lost,
      heapMB,
      memoryFlat,
      seconds: Math.round((Date.now() - t0) / 1000),
    };
    console.log(JSON.stringify({ soak: figures }));
    if (stats.problems.length) console.log(`soak: the folders are kept for a look: ${a.base} ${b.base} ${fuzzBase}`);
    else for (const dir of [a.base, b.base, fuzzBase]) fs.rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(stats.problems, []);
    assert.equal(lost, 0);
    assert.equal(stats.survived, injected, 'every fault injected was survived');
    assert.ok(memoryFlat, `heap after GC grew: ${heapMB.join(' → ')} MB`);
    assert.ok(stats.turns >= Math.min(TURNS, 20), 'the soak ran');
  });
});
