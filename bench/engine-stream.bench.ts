// Engine overhead per streamed delta: from the moment the provider adapter yields a text delta (the SDK's
// event, decoded) to the moment the front end receives the item/agentMessage/delta notification, with a
// loopback cloud streaming as fast as it can. Baseline in the same process: draining the same stream
// straight from the adapter, without the engine. Run for Azure (SSE over HTTP/1.1) and Bedrock
// (event-stream over HTTP/2).
// Targets: p99 overhead < 1 ms, and per CPU-second the engine streams at least half as many deltas as the
// adapter alone: it at most doubles what a streamed delta costs, SDK and loopback server (in this
// process) included. Measured 0.64–0.8 on a loaded 2-CPU machine.
// Throughput is a ratio because an absolute rate measures the machine: under load (2 CPUs, load ~14) the
// adapter alone read under 20,000 deltas per CPU-second where it reads ~80,000 a wall-second on an idle
// core. It is a ratio of CPU time because wall time inflates the longer run most: the same code read 0.5
// in wall time at load 19 and 0.9 at load 9. Rounds alternate adapter-first and engine-first; each side's
// rate is its median over the rounds, and the figure the ratio of those medians. Wall rates are printed too.
import { performance } from 'node:perf_hooks';
import type { ModelClient, ModelClientFactory, ModelEvent, ModelRequest } from '../src/core/model/types';
import type { ProviderProfile } from '../src/protocol';
import { ProviderModelClientFactory } from '../src/providers/factory';
import { EngineHarness, startCloud, type CloudKind } from '../test/support/engine-harness';

const DELTAS = 5_000;
const ROUNDS = 7;
const WARMUP_ROUNDS = 1;
const TEXT = 'tok '.repeat(DELTAS);

/** This process's CPU time so far, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wraps the real client to timestamp each text delta as the adapter hands it over. */
class TimedFactory implements ModelClientFactory {
  yieldedAt: number[] = [];
  /** CPU time when the first delta was yielded. */
  firstCpuMs = 0;
  constructor(private readonly inner: ModelClientFactory) {}
  create(profile: ProviderProfile): ModelClient {
    const client = this.inner.create(profile);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the generator below records into this factory
    const self = this;
    return {
      profile: client.profile,
      servedBy: client.servedBy,
      listModels: (s) => client.listModels(s),
      whoami: (s) => client.whoami(s),
      async *stream(req: ModelRequest): AsyncIterable<ModelEvent> {
        for await (const e of client.stream(req)) {
          if (e.type === 'textDelta') {
            if (self.yieldedAt.length === 0) self.firstCpuMs = cpuMs();
            self.yieldedAt.push(performance.now());
          }
          yield e;
        }
      },
    };
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

interface Rate {
  wallPerSecond: number;
  cpuPerSecond: number;
}

async function measure(kind: CloudKind): Promise<void> {
  const cloud = await startCloud(kind);
  const script = () => cloud.script([{ steps: [{ type: 'text', text: TEXT, chunks: DELTAS }], usage: { input: 10, output: DELTAS } }]);

  // Baseline: the adapter alone.
  const logger = { log: () => undefined };
  const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const direct = new ProviderModelClientFactory({ env: cloud.env, logger, clock }).create(cloud.profile);
  const adapterOnly = async (): Promise<Rate> => {
    script();
    let n = 0;
    let t0 = 0;
    let c0 = 0;
    for await (const e of direct.stream({ system: 's', items: [{ type: 'user', text: 'go' }], tools: [] })) {
      if (e.type !== 'textDelta') continue;
      if (n++ === 0) {
        t0 = performance.now();
        c0 = cpuMs();
      }
    }
    if (n !== DELTAS) throw new Error(`the adapter yielded ${n} deltas`);
    return { wallPerSecond: ((n - 1) / (performance.now() - t0)) * 1000, cpuPerSecond: ((n - 1) / (cpuMs() - c0)) * 1000 };
  };

  // Ours: the engine, from adapter to notification.
  let timed!: TimedFactory;
  const h = await EngineHarness.create({ clouds: [cloud], files: {}, wrapModels: (factory) => (timed = new TimedFactory(factory)) });
  let notifiedAt: number[] = [];
  let lastCpuMs = 0;
  const push = h.events.push.bind(h.events);
  h.events.push = (...items) => {
    for (const e of items) {
      if (e.method !== 'item/agentMessage/delta') continue;
      notifiedAt.push(performance.now());
      if (notifiedAt.length === DELTAS) lastCpuMs = cpuMs();
    }
    return push(...items);
  };
  const overhead: number[] = [];
  const engine = async (): Promise<Rate> => {
    timed.yieldedAt = [];
    notifiedAt = [];
    script();
    const turn = await h.run('go');
    if (turn.status !== 'completed' || notifiedAt.length !== DELTAS || timed.yieldedAt.length !== DELTAS) {
      throw new Error(`unexpected run: ${turn.status}, ${notifiedAt.length} notified, ${timed.yieldedAt.length} yielded`);
    }
    h.events.length = 0;
    cloud.requests.length = 0;
    for (let i = 0; i < DELTAS; i++) overhead.push(notifiedAt[i]! - timed.yieldedAt[i]!);
    const wallMs = notifiedAt[DELTAS - 1]! - timed.yieldedAt[0]!;
    return { wallPerSecond: ((DELTAS - 1) / wallMs) * 1000, cpuPerSecond: ((DELTAS - 1) / (lastCpuMs - timed.firstCpuMs)) * 1000 };
  };

  const ours: Rate[] = [];
  const base: Rate[] = [];
  for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
    let o: Rate;
    let b: Rate;
    if (r % 2 === 0) {
      b = await adapterOnly();
      o = await engine();
    } else {
      o = await engine();
      b = await adapterOnly();
    }
    if (r < WARMUP_ROUNDS) {
      overhead.length = 0;
      continue;
    }
    ours.push(o);
    base.push(b);
  }
  await h.close();
  await cloud.close();

  overhead.sort((a, b) => a - b);
  const p99 = percentile(overhead, 99);
  console.log(
    JSON.stringify({
      bench: `engine.delta.overhead.${kind}`,
      deltas: overhead.length,
      p50Ms: Number(percentile(overhead, 50).toFixed(4)),
      p99Ms: Number(p99.toFixed(4)),
      maxMs: Number(overhead[overhead.length - 1]!.toFixed(3)),
      target: 'p99 < 1 ms',
      pass: p99 < 1,
    }),
  );
  const round = (x: number) => Math.round(x);
  const ratio = median(ours.map((o) => o.cpuPerSecond)) / median(base.map((b) => b.cpuPerSecond));
  const wallRatio = median(ours.map((o) => o.wallPerSecond)) / median(base.map((b) => b.wallPerSecond));
  console.log(
    JSON.stringify({
      bench: `engine.delta.throughput.${kind}`,
      rounds: ROUNDS,
      deltasPerRound: DELTAS,
      wallDeltasPerSecond: round(median(ours.map((o) => o.wallPerSecond))),
      baselineWallPerSecond: round(median(base.map((b) => b.wallPerSecond))),
      deltasPerCpuSecond: round(median(ours.map((o) => o.cpuPerSecond))),
      baselineAdapterOnlyPerCpuSecond: round(median(base.map((b) => b.cpuPerSecond))),
      wallRatioToBaseline: Number(wallRatio.toFixed(2)),
      cpuRatioToBaseline: Number(ratio.toFixed(2)),
      target: 'cpuRatioToBaseline >= 0.5',
      pass: ratio >= 0.5,
    }),
  );
}

async function main(): Promise<void> {
  await measure('azure');
  await measure('bedrock');
}

main().catch((e: unknown) => {
  console.error(e);
  // The loopback servers and the engine of the failed run are still open: exit rather than hang.
  process.exit(1);
});
