// The last command each terminal ran and what it printed, read through shell integration: a command's
// output can only be read from the moment it starts, so every execution is followed from its start and
// kept (its end, capped) until the next one in the same terminal ends.
import * as vscode from 'vscode';
import { MAX_MENTION_TEXT } from '../../protocol';
import { redactSecrets } from '../../shared';
import { Disposable } from '../disposable';
import { keepEnd, terminalText } from './mention-text';

export interface FinishedCommand {
  terminal: string;
  command: string;
  exitCode: number | undefined;
  output: string;
}

/** Raw output kept per running command (escape sequences included), from its end. */
const MAX_RAW_CHARS = 4 * MAX_MENTION_TEXT;

export class TerminalOutputs extends Disposable {
  private readonly running = new Map<vscode.TerminalShellExecution, Promise<string>>();
  private readonly last = new Map<vscode.Terminal, FinishedCommand>();

  constructor() {
    super();
    this.register(
      vscode.window.onDidStartTerminalShellExecution((e) => {
        this.running.set(e.execution, readCapped(e.execution.read()));
      }),
    );
    this.register(
      vscode.window.onDidEndTerminalShellExecution(async (e) => {
        const raw = (await this.running.get(e.execution)) ?? '';
        this.running.delete(e.execution);
        this.last.set(e.terminal, {
          terminal: e.terminal.name,
          command: e.execution.commandLine.value,
          exitCode: e.exitCode,
          output: keepEnd(redactSecrets(terminalText(raw)), MAX_MENTION_TEXT),
        });
      }),
    );
    this.register(vscode.window.onDidCloseTerminal((t) => this.last.delete(t)));
  }

  /** The active terminal's last finished command, or why there is none to attach. */
  lastOfActive(): FinishedCommand | string {
    const terminal = vscode.window.activeTerminal;
    if (!terminal) return 'No terminal is open.';
    const done = this.last.get(terminal);
    if (done) return done;
    if (!terminal.shellIntegration) return `The terminal "${terminal.name}" has no shell integration, so its output cannot be read.`;
    return `No command has finished in the terminal "${terminal.name}" since Crosswind started.`;
  }
}

async function readCapped(stream: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of stream) {
    out += chunk;
    if (out.length > MAX_RAW_CHARS) out = out.slice(-MAX_RAW_CHARS);
  }
  return out;
}
