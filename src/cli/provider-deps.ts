// ProviderDeps for the CLI: the process environment, warnings and errors (redacted) on stderr, the real
// clock, and one memo for the run. No SecretSource: keys come from the environment (OPENAI_API_KEY,
// AZURE_OPENAI_API_KEY, AWS_*), and proxies from HTTPS_PROXY/HTTP_PROXY/NO_PROXY.
import type { Writable } from 'node:stream';
import { isModelError } from '../core/model/errors';
import { systemClock } from '../host/system';
import type { ProviderDeps } from '../providers/deps';
import { redactSecrets } from '../shared';
import { writeLine } from './command';

export function createCliProviderDeps(env: NodeJS.ProcessEnv, stderr: Writable): ProviderDeps {
  return {
    env,
    logger: {
      log: (level, message) => {
        if (level === 'warn' || level === 'error') writeLine(stderr, `crosswind: ${level}: ${redactSecrets(message)}`);
      },
    },
    clock: systemClock,
    memo: new Map(),
  };
}

/** Prints a failure with its fix and returns the exit code; rethrows what is not a ModelError. */
export function reportModelError(e: unknown, command: string, stderr: Writable): number {
  if (!isModelError(e)) throw e;
  writeLine(stderr, `crosswind ${command}: ${redactSecrets(e.message)}`);
  if (e.fix) writeLine(stderr, `  fix: ${redactSecrets(e.fix)}`);
  if (e.fixCommand) writeLine(stderr, `  run: ${e.fixCommand}`);
  return 1;
}
