// The Linux sandbox: bubblewrap (bwrap). Each command gets new PID, mount, network, IPC, UTS and
// cgroup namespaces (the network one only when the network is not allowed), no capabilities (even when
// the engine runs as root, so nothing inside can unmount what hides a file), its own session (no
// keystrokes pushed into the user's terminal), and a file system where everything is read-only except
// the workspace and a private /tmp; credential folders and the engine's own files are covered by empty
// ones. In its own PID namespace the command cannot see the engine (no /proc/$PPID/environ), and when it
// ends — or the engine dies — the kernel ends every process it left behind.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { isInside } from '../fs-confine';
import type { CommandSandbox, SandboxPolicy, WrappedCommand } from './sandbox-policy';

export class BubblewrapSandbox implements CommandSandbox {
  readonly kind = 'bubblewrap' as const;
  constructor(private readonly bwrap: string) {}

  wrap(command: string[], cwd: string, policy: SandboxPolicy): WrappedCommand {
    return { file: this.bwrap, args: [...bubblewrapArgs(cwd, policy), '--', ...command] };
  }
}

export function bubblewrapArgs(cwd: string, policy: SandboxPolicy): string[] {
  const args = ['--die-with-parent', '--new-session', '--unshare-all', ...(policy.network ? ['--share-net'] : []), '--cap-drop', 'ALL'];
  args.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc');
  // A fresh /tmp first (unless the policy keeps the real one, read-only): a workspace that lives under /tmp
  // is bound back on top of it below.
  if (policy.privateTmp !== false) args.push('--tmpfs', '/tmp');
  args.push('--tmpfs', '/dev/shm');
  if (policy.tempDir !== '/tmp') args.push('--bind', policy.tempDir, policy.tempDir);
  for (const root of policy.writableRoots) args.push('--bind', root, root);
  for (const p of policy.readOnlyPaths) args.push('--ro-bind', p, p);
  for (const p of visibleHidden(policy)) {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) args.push('--tmpfs', p, '--remount-ro', p);
    else args.push('--ro-bind', '/dev/null', p);
  }
  args.push('--chdir', cwd);
  return args;
}

/**
 * The hidden paths that need covering: not those inside another hidden folder (already covered, and
 * read-only, so nothing could be mounted there), nor those under /tmp outside the workspace (the command
 * gets a fresh, empty /tmp).
 */
function visibleHidden(policy: SandboxPolicy): string[] {
  const under = (p: string, dir: string) => p !== dir && isInside(dir, p);
  return policy.hiddenPaths.filter(
    (p) => !policy.hiddenPaths.some((other) => under(p, other)) && (policy.privateTmp === false || !isInside('/tmp', p) || policy.writableRoots.some((r) => isInside(r, p))),
  );
}

/** The arguments the probe runs with: the same namespaces as a real command, so a probe that passes means commands can run. */
const PROBE_ARGS = ['--die-with-parent', '--new-session', '--unshare-all', '--cap-drop', 'ALL', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--', 'true'];

/** Whether bwrap can create the sandbox here (it cannot in some containers, or where user namespaces are off). */
export function probeBubblewrap(bwrap: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(bwrap, PROBE_ARGS, { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: '/usr/bin:/bin' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `bubblewrap could not be started (${e.message})` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, reason: `bubblewrap cannot create a sandbox here: ${stderr.trim().split('\n')[0] || `exit code ${code}`}` });
    });
  });
}
