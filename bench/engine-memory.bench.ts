// Engine memory after a 500-turn scripted session (each turn: the user's message, a short streamed
// answer; the conversation, the thread file and the ledger all grow). Baseline in the same process: the
// heap after a forced GC just before the engine is created (the loopback cloud already running). The
// measure is the engine's retained heap after the session, after a forced GC. Target < 200 MB.
import { EngineHarness, startCloud } from '../test/support/engine-harness';

const TURNS = 500;
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (b: number) => Number((b / 1024 / 1024).toFixed(1));

function settle(): number {
  for (let i = 0; i < 3; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with --expose-gc');
  const cloud = await startCloud('azure');
  const baseline = settle();
  const h = await EngineHarness.create({ clouds: [cloud], files: { 'README.md': '# bench\n' } });
  const answer = 'Here is a short answer that streams in a few pieces. '.repeat(4);
  const t0 = Date.now();
  for (let i = 0; i < TURNS; i++) {
    cloud.script([{ steps: [{ type: 'text', text: `${answer}(${i})`, chunks: 8 }], usage: { input: 1000 + i * 60, output: 60 } }]);
    const turn = await h.run(`Question number ${i}: what is ${i} + ${i}?`);
    if (turn.status !== 'completed') throw new Error(`turn ${i} ${turn.status}: ${turn.error?.message}`);
    // The test's own records (the loopback server's request log, the captured events) are not the engine's.
    cloud.requests.length = 0;
    h.events.length = 0;
  }
  const seconds = (Date.now() - t0) / 1000;
  const after = settle();
  const engineMb = mb(after - baseline);
  console.log(
    JSON.stringify({
      bench: 'engine.memory.500turns',
      turns: TURNS,
      baselineHeapMb: mb(baseline),
      afterHeapMb: mb(after),
      engineHeapMb: engineMb,
      rssMb: mb(process.memoryUsage().rss),
      ratioToBaseline: Number((after / baseline).toFixed(2)),
      seconds: Number(seconds.toFixed(1)),
      target: 'engineHeapMb < 200',
      pass: engineMb < 200,
    }),
  );
  await h.close();
  await cloud.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
