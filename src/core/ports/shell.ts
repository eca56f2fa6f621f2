// Running a command for the agent's `shell` tool.
import type { AbortSignalLike } from './cancellation';

export interface ShellRequest {
  /** argv; never passed through a shell unless argv[0] is one. */
  command: string[];
  /** Absolute working directory, already confined to the workspace. */
  cwd: string;
  /** The workspace's absolute folders: the only places (with a private temp folder) a sandboxed command may write. */
  workspaceRoots: string[];
  /** Whether a sandboxed command may use the network (off unless the user allows it). */
  network: boolean;
  /** Absolute paths in the workspace a sandboxed command may read but not write (protected files that exist). */
  readOnlyPaths: string[];
  timeoutMs: number;
  /** Keep at most this many bytes of output: the head and the tail, the middle elided. */
  maxOutputBytes: number;
  /** Pass the cloud credentials of the engine's environment to the command. Off unless the user allows it. */
  passCloudCredentials: boolean;
  signal?: AbortSignalLike;
  /** Streams output as it arrives (bounded by the caller). */
  onOutput?: (chunk: string) => void;
}

export interface ShellResult {
  /** null when the process was killed by a signal or did not start. */
  exitCode: number | null;
  signal: string | null;
  /** stdout and stderr interleaved in arrival order, bounded. */
  output: string;
  timedOut: boolean;
  truncated: boolean;
  durationMs: number;
}

/** The OS sandbox commands run in, or why there is none (then every command asks first). */
export type SandboxStatus = { kind: 'bubblewrap' | 'seatbelt' } | { kind: 'none'; reason: string };

export interface Shell {
  run(request: ShellRequest): Promise<ShellResult>;
  sandbox(): Promise<SandboxStatus>;
  /** Parses a shell script (a `bash -c` body, an `eval`'s arguments) for the command policy. */
  parse(script: string): Promise<ParsedScript>;
}

export { CLOUD_CREDENTIAL_ENV, isCloudCredentialEnv } from '../../shared';

/**
 * A shell script as the shell would run it, from a real parser: every simple command anywhere in it
 * (inside substitutions, subshells, pipelines, lists, loops and function bodies), and whether it is
 * exactly one plain command.
 */
export interface ParsedScript {
  /** False when the script does not parse: nothing about it can be relied on. */
  ok: boolean;
  commands: ParsedCommand[];
  /**
   * Exactly one simple command with fixed words: no substitution, expansion, glob, redirection,
   * background, pipeline, list, compound part or variable assignment.
   */
  single: boolean;
}

export interface ParsedCommand {
  /** The words as the command receives them, name first; null where the value is only known when it runs ($X, $(…), globs, ~). */
  words: (string | null)[];
}

export interface ShellParser {
  parse(script: string): Promise<ParsedScript>;
}
