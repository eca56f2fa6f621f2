// The shape of one `crosswind <command>`: each command lives in its own file under commands/.
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliCommand {
  name: string;
  /** One line for `crosswind --help`. */
  summary: string;
  /** Full usage text for `crosswind <name> --help`. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Thrown for bad flags or arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Bad input that the usage text would not help with — a folder that does not exist, a key missing from
 * the environment: printed alone, once, with exit code 2 like any bad argument.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function writeLine(stream: Writable, text = ''): void {
  stream.write(text + '\n');
}
