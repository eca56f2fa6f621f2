// Regular expressions from the model run off the main thread, with a time limit. JavaScript's engine
// backtracks: `^(a+)+$` against a 41-byte line never finishes, and on the main thread that froze the
// whole engine (Ctrl-C included). Here each test runs in a worker thread; one that takes too long is
// terminated and the search fails with a message the model can act on.
import { Worker } from 'node:worker_threads';

/** Per file tested: plenty for any sane pattern on a 16 MB file, short enough that a runaway one is noticed. */
const DEFAULT_LIMIT_MS = 5000;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
let regex, key;
parentPort.on('message', ({ id, source, flags, text }) => {
  try {
    if (key !== source + '/' + flags) { regex = new RegExp(source, flags); key = source + '/' + flags; }
    regex.lastIndex = 0;
    parentPort.postMessage({ id, matched: regex.test(text) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) });
  }
});
`;

export class PatternTookTooLongError extends Error {
  constructor(pattern: string, where: string, ms: number) {
    super(`The pattern /${pattern}/ took more than ${ms / 1000} s on ${where} and was stopped: it backtracks catastrophically (nested repetition such as (a+)+). Simplify it.`);
    this.name = 'PatternTookTooLongError';
  }
}

export class RegexWorker {
  private worker: Worker | undefined;
  private nextId = 0;

  constructor(
    private readonly regex: RegExp,
    private readonly limitMs = DEFAULT_LIMIT_MS,
  ) {}

  test(text: string, where: string): Promise<boolean> {
    const worker = (this.worker ??= new Worker(WORKER_SOURCE, { eval: true }));
    worker.unref();
    const id = ++this.nextId;
    return new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.dispose();
        reject(new PatternTookTooLongError(this.regex.source, where, this.limitMs));
      }, this.limitMs);
      const onMessage = (m: { id: number; matched?: boolean; error?: string }) => {
        if (m.id !== id) return;
        cleanup();
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.matched === true);
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, source: this.regex.source, flags: this.regex.flags, text });
    });
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}
