// The engine trace (crosswind.trace.server = verbose) prints every message to and from the engine —
// the initialize options with the cloud variables, the answers to auth/secret. Everything written to it
// passes through redactSecrets first.
import type * as vscode from 'vscode';
import { redactSecrets } from '../../shared';

const WRITERS = new Set(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);

export function redactingChannel(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== 'string' || !WRITERS.has(prop) || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a instanceof Error ? new Error(redactSecrets(a.message)) : a)));
    },
  });
}
