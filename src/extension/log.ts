// The extension's log: a LogOutputChannel ("Crosswind" in the Output panel), with secrets redacted
// before anything is written.
import * as vscode from 'vscode';
import { redactSecrets } from '../shared/redact';

export function createLog(): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel('Crosswind', { log: true });
  const wrap = (fn: (message: string, ...args: unknown[]) => void) => (message: string, ...args: unknown[]) =>
    fn(redactSecrets(message), ...args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)));
  // Every level goes through redaction; the channel object is otherwise VS Code's own.
  channel.trace = wrap(channel.trace.bind(channel));
  channel.debug = wrap(channel.debug.bind(channel));
  channel.info = wrap(channel.info.bind(channel));
  channel.warn = wrap(channel.warn.bind(channel));
  const error = channel.error.bind(channel);
  channel.error = (e: string | Error, ...args: unknown[]) => error(typeof e === 'string' ? redactSecrets(e) : redactSecrets(e.stack ?? e.message), ...args);
  const appendLine = channel.appendLine.bind(channel);
  channel.appendLine = (v: string) => appendLine(redactSecrets(v));
  const append = channel.append.bind(channel);
  channel.append = (v: string) => append(redactSecrets(v));
  return channel;
}
