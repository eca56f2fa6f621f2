// What an OS sandbox lets one agent command do, in the same terms on every platform: where it may write
// (the workspace and a private temp folder), what stays read-only even there (what makes code run later:
// git hooks and config), what it may not read at all (cloud and SSH credentials, the engine's own state,
// the audit log and its key), and whether it may use the network.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SandboxPolicy {
  /** Absolute real paths the command may write below. */
  writableRoots: string[];
  /** Absolute paths below a writable root that stay read-only (only those that exist are listed). */
  readOnlyPaths: string[];
  /** Absolute paths the command may not read (only those that exist are listed). */
  hiddenPaths: string[];
  /** The folder the command gets as TMPDIR (writable). */
  tempDir: string;
  /**
   * Whether /tmp is an empty folder of the process's own (the default, for commands). False: the real /tmp
   * stays visible, read-only, and only `tempDir` in it is writable — a tool server's own code may live there.
   */
  privateTmp?: boolean;
  network: boolean;
}

/** argv for a command inside the sandbox. */
export interface WrappedCommand {
  file: string;
  args: string[];
}

export interface CommandSandbox {
  readonly kind: 'bubblewrap' | 'seatbelt';
  wrap(command: string[], cwd: string, policy: SandboxPolicy): WrappedCommand;
}

/** Credentials and keys under the home folder that no command needs to read. */
const SENSITIVE_HOME_PATHS = ['.aws', '.azure', '.ssh', '.gnupg', '.config/gcloud', '.kube', '.docker/config.json', '.netrc', '.npmrc', '.pypirc', '.git-credentials', '.config/gh'];

/**
 * Inside a writable root, what stays read-only: files that make code run later without anyone
 * approving it (git hooks and the config that can point hooks elsewhere or run a filter).
 */
const READ_ONLY_IN_ROOT = ['.git/hooks', '.git/config'];

export interface PolicyInputs {
  /** The workspace's folders: each writable. */
  workspaceRoots: readonly string[];
  /** Protected files in the workspace (absolute): readable, never writable. */
  readOnlyPaths?: readonly string[];
  network: boolean;
  tempDir: string;
  /** See SandboxPolicy.privateTmp (default true). */
  privateTmp?: boolean;
  /** More folders the process may write below (only those that exist are bound): a tool server's package caches. */
  extraWritable?: readonly string[];
  /** The engine's own files (state folder, audit log, its key): never readable by a command. */
  engineFiles: readonly string[];
  env: NodeJS.ProcessEnv;
}

export function sandboxPolicy(inputs: PolicyInputs): SandboxPolicy {
  const home = inputs.env.HOME || os.homedir();
  const hidden = new Set<string>();
  for (const rel of SENSITIVE_HOME_PATHS) hidden.add(path.join(home, rel));
  // Sockets that hand out power outside the sandbox: the SSH agent, the user's session bus, Docker.
  if (inputs.env.SSH_AUTH_SOCK) hidden.add(path.dirname(inputs.env.SSH_AUTH_SOCK));
  if (inputs.env.XDG_RUNTIME_DIR) hidden.add(inputs.env.XDG_RUNTIME_DIR);
  for (const sock of ['/var/run/docker.sock', '/run/docker.sock']) hidden.add(sock);
  for (const [name, value] of Object.entries(inputs.env)) {
    // A credentials file named by the environment (AWS_SHARED_CREDENTIALS_FILE, GOOGLE_APPLICATION_CREDENTIALS…).
    if (value && /(CREDENTIALS?_FILE|APPLICATION_CREDENTIALS|CONFIG_FILE)$/.test(name) && path.isAbsolute(value)) hidden.add(value);
  }
  for (const f of inputs.engineFiles) hidden.add(path.resolve(f));
  const roots = inputs.workspaceRoots;
  return {
    writableRoots: [...roots, ...(inputs.extraWritable ?? []).filter((p) => existsSync(p))],
    readOnlyPaths: [...roots.flatMap((root) => READ_ONLY_IN_ROOT.map((rel) => path.join(root, rel))), ...(inputs.readOnlyPaths ?? [])].filter((p) => existsSync(p)),
    hiddenPaths: [...hidden].filter((p) => existsSync(p) && !roots.some((root) => isSameOrAbove(p, root))),
    tempDir: inputs.tempDir,
    ...(inputs.privateTmp === false ? { privateTmp: false } : {}),
    network: inputs.network,
  };
}

/** Hiding a folder that holds the workspace would hide the workspace too: such a path is left visible. */
function isSameOrAbove(p: string, root: string): boolean {
  const rel = path.relative(p, root);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
