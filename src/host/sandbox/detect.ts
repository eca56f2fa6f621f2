// Which OS sandbox commands run in here: bubblewrap on Linux (when installed and able to create its
// namespaces), sandbox-exec on macOS, none on Windows. Found once per engine; when there is none, the
// reason is kept so the approval policy can say why it asks before each command.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BubblewrapSandbox, probeBubblewrap } from './bubblewrap';
import type { CommandSandbox } from './sandbox-policy';
import { SANDBOX_EXEC, SeatbeltSandbox } from './seatbelt';

export type SandboxDetection = { sandbox: CommandSandbox } | { sandbox: null; reason: string };

export interface DetectOptions {
  platform?: NodeJS.Platform;
  /** bwrap to use; undefined = $CROSSWIND_BWRAP, else the system folders, then PATH. */
  bwrapPath?: string;
  env?: NodeJS.ProcessEnv;
}

/** System folders first: a `bwrap` planted earlier on PATH (say, in the workspace) must not be the sandbox. */
const SYSTEM_BIN = ['/usr/bin', '/bin', '/usr/local/bin'];

export async function detectSandbox(opts: DetectOptions = {}): Promise<SandboxDetection> {
  const platform = opts.platform ?? process.platform;
  if (platform === 'darwin') {
    if (await executable(SANDBOX_EXEC)) return { sandbox: new SeatbeltSandbox() };
    return { sandbox: null, reason: `${SANDBOX_EXEC} is missing` };
  }
  if (platform !== 'linux') return { sandbox: null, reason: `there is no command sandbox on ${platform === 'win32' ? 'Windows' : platform}` };
  const env = opts.env ?? process.env;
  // CROSSWIND_BWRAP names a bubblewrap installed elsewhere than the system folders.
  const bwrap = opts.bwrapPath ?? (env.CROSSWIND_BWRAP !== undefined ? env.CROSSWIND_BWRAP : await findBwrap(env));
  if (!bwrap || !(await executable(bwrap))) return { sandbox: null, reason: 'bubblewrap (bwrap) is not installed — install it with your package manager (apt-get install bubblewrap)' };
  const probe = await probeBubblewrap(bwrap);
  if (!probe.ok) return { sandbox: null, reason: probe.reason };
  return { sandbox: new BubblewrapSandbox(bwrap) };
}

async function findBwrap(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dirs = [...SYSTEM_BIN, ...(env.PATH ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d))];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'bwrap');
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}

async function executable(p: string): Promise<boolean> {
  try {
    await fs.access(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
