// Where the CLI keeps its state (ledger, audit log, threads): $XDG_STATE_HOME/crosswind, else
// ~/.local/state/crosswind (XDG Base Directory spec; a relative XDG_STATE_HOME is ignored, as the spec
// says). On Windows without either, %LOCALAPPDATA%\crosswind\state.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function cliStateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'crosswind');
  if (platform === 'win32' && !env.HOME && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'crosswind', 'state');
  return path.join(env.HOME || os.homedir(), '.local', 'state', 'crosswind');
}

/** The cost ledger `crosswind exec` appends to and `crosswind cost` reads. */
export function defaultLedgerPath(env: NodeJS.ProcessEnv): string {
  return path.join(cliStateDir(env), 'ledger.jsonl');
}

/** The audit log `crosswind exec --audit-log` defaults to and `crosswind audit verify` checks. */
export function defaultAuditLogPath(env: NodeJS.ProcessEnv): string {
  return path.join(cliStateDir(env), 'audit.jsonl');
}

/**
 * The audit key: in the config folder ($XDG_CONFIG_HOME/crosswind, else ~/.config/crosswind), apart from
 * the log it authenticates.
 */
export function auditKeyPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'crosswind', 'audit.key');
  if (platform === 'win32' && !env.HOME && env.APPDATA) return path.join(env.APPDATA, 'crosswind', 'audit.key');
  return path.join(env.HOME || os.homedir(), '.config', 'crosswind', 'audit.key');
}

/**
 * The checkpoints of one workspace folder: in the state folder (never in the workspace, hidden from
 * sandboxed commands), one store per folder, named by a hash of its real path.
 */
export function checkpointsDir(env: NodeJS.ProcessEnv, workspace: string, addedDirs: readonly string[] = []): string {
  // A multi-root workspace (--add-dir) is its own workspace: its checkpoints name files by folder.
  const id = createHash('sha256').update([workspace, ...addedDirs].map((d) => realpathSync(d)).join('\n')).digest('hex').slice(0, 16);
  return path.join(cliStateDir(env), 'checkpoints', id);
}
