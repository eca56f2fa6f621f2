// Small helpers for provider tests: ProviderDeps over a given environment, and draining a model stream
// into its events or its error.
import type { ModelError } from '../../src/core/model/errors';
import type { ModelEvent } from '../../src/core/model/types';
import type { LogLevel } from '../../src/core/ports/system';
import type { ProviderDeps } from '../../src/providers/deps';

export interface LogRecord {
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
}

/** Deps with an explicit environment (never process.env), a recording logger, the real clock and a fresh memo. */
export function testDeps(overrides: Partial<ProviderDeps> = {}): ProviderDeps & { logs: LogRecord[] } {
  const logs: LogRecord[] = [];
  return {
    env: {},
    logger: { log: (level, message, fields) => void logs.push({ level, message, fields }) },
    clock: {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
    memo: new Map(),
    ...overrides,
    logs,
  };
}

export async function collect(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const e of stream) {
    events.push(e);
    if (events.length > 10_000) throw new Error('runaway stream');
  }
  return events;
}

/** The error a stream fails with, plus the events it gave before failing; fails the test if it finishes. */
export async function collectFailure(stream: AsyncIterable<ModelEvent>): Promise<{ error: ModelError; events: ModelEvent[] }> {
  const events: ModelEvent[] = [];
  try {
    for await (const e of stream) {
      events.push(e);
      if (events.length > 10_000) throw new Error('runaway stream');
    }
  } catch (error) {
    return { error: error as ModelError, events };
  }
  throw new Error(`expected the stream to fail, but it finished: ${JSON.stringify(events.at(-1))}`);
}

export function textOf(events: ModelEvent[]): string {
  return events.map((e) => (e.type === 'textDelta' ? e.text : '')).join('');
}
