// Node implementations of the engine's small ports: time, ids and logging.
import { randomBytes } from 'node:crypto';
import { redactSecrets } from '../shared';
import type { AbortSignalLike } from '../core/ports/cancellation';
import type { Clock, IdSource, Logger, LogLevel } from '../core/ports/system';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms: number, signal?: AbortSignalLike) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason ?? new Error('aborted'));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Time-ordered, unique, URL- and file-name-safe ids: `<prefix>_<time><random>`. */
export const randomIds: IdSource = {
  next: (prefix: string) => `${prefix}_${Date.now().toString(36)}${randomBytes(6).toString('base64url').replace(/[-_]/g, '0')}`,
};

const ORDER: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** Writes redacted log lines to a sink (stderr for the CLI; the LSP console for the engine server). */
export function createLogger(write: (level: LogLevel, line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const min = ORDER.indexOf(minLevel);
  return {
    log(level, message, fields) {
      if (ORDER.indexOf(level) < min) return;
      const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
      write(level, redactSecrets(message + extra));
    },
  };
}
