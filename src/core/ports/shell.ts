// Running a command for the agent's `shell` tool.
import type { AbortSignalLike } from './cancellation';

export interface ShellRequest {
  /** argv; never passed through a shell unless argv[0] is one. */
  command: string[];
  /** Absolute working directory, already confined to the workspace. */
  cwd: string;
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

export interface Shell {
  run(request: ShellRequest): Promise<ShellResult>;
}

/**
 * Environment variables that carry cloud credentials. Shell commands run without them unless the user
 * allows it, so a command the model wrote cannot spend or leak the user's cloud access.
 */
export const CLOUD_CREDENTIAL_ENV: readonly (string | RegExp)[] = [
  /^AWS_/,
  /^AZURE_/,
  /^OPENAI_/,
  /^ARM_CLIENT_SECRET$/,
  /^AZURE_OPENAI_/,
  /^MSI_/,
  /^IDENTITY_(ENDPOINT|HEADER)$/,
  /^ANTHROPIC_API_KEY$/,
  /^GOOGLE_APPLICATION_CREDENTIALS$/,
];

export function isCloudCredentialEnv(name: string): boolean {
  return CLOUD_CREDENTIAL_ENV.some((p) => (typeof p === 'string' ? p === name : p.test(name)));
}
