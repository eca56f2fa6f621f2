// The approval policy: what the agent may do on its own, what needs the user, and what is refused.
//   read-only  — every patch and every command asks first (the CLI, with nobody to ask, declines);
//   auto-edit  — patches apply on their own (each can be undone); commands ask;
//   full-auto  — patches apply and commands run on their own, inside the workspace.
// Whatever the policy: nothing runs or is written in Restricted Mode, denied commands never run, and
// protected files (.git internals, .env*, keys) are only written with the user's explicit approval.
import type { EngineSettings } from '../../protocol';
import type { SandboxStatus } from '../ports/shell';
import { isGitInternal, matchesAnyGlob } from './glob';

export type Verdict = { action: 'allow'; by: 'policy' } | { action: 'ask'; reason: string } | { action: 'refuse'; reason: string; kind: 'notTrusted' | 'denied' };

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);

export const RESTRICTED_MODE_REASON =
  'This workspace is in Restricted Mode: Crosswind can read and chat, but cannot run commands or apply patches until you trust the workspace.';

/** The command lines a command really runs: argv itself, or each segment of a `bash -c` script. */
export function commandLines(command: string[]): string[] {
  const [exe, flag, script] = command;
  const base = exe?.split('/').pop() ?? '';
  if (SHELLS.has(base) && (flag === '-c' || flag === '-lc') && typeof script === 'string') {
    return script
      .split(/&&|\|\||;|\||\n/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
  return [command.join(' ')];
}

function startsWithPrefix(line: string, prefix: string): boolean {
  const p = prefix.trim();
  if (!p) return false;
  return line === p || line.startsWith(p + ' ');
}

export function decideCommand(settings: EngineSettings, command: string[], approvedForSession: ReadonlySet<string>, sandbox: SandboxStatus): Verdict {
  if (!settings.trusted) return { action: 'refuse', reason: RESTRICTED_MODE_REASON, kind: 'notTrusted' };
  const lines = commandLines(command);
  const denied = lines.find((l) => settings.commandDeny.some((p) => startsWithPrefix(l, p)));
  if (denied) return { action: 'refuse', reason: `'${denied}' is on the deny list (crosswind.commands.deny).`, kind: 'denied' };
  if (approvedForSession.has(command.join('\u0000'))) return { action: 'allow', by: 'policy' };
  if (lines.every((l) => settings.commandAllow.some((p) => startsWithPrefix(l, p)))) return { action: 'allow', by: 'policy' };
  if (settings.approvalPolicy === 'full-auto') {
    if (sandbox.kind !== 'none') return { action: 'allow', by: 'policy' };
    return { action: 'ask', reason: `Full-auto runs commands on their own only inside an OS sandbox, and there is none here: ${sandbox.reason}. Each command asks first.` };
  }
  return { action: 'ask', reason: settings.approvalPolicy === 'read-only' ? 'The read-only policy asks before any command runs.' : 'Commands ask before they run (auto-edit policy).' };
}

export function isProtectedPath(settings: EngineSettings, path: string): boolean {
  return isGitInternal(path) || matchesAnyGlob(path, settings.protectedPaths);
}

export function decidePatch(settings: EngineSettings, paths: string[], autoApplyForSession: boolean): Verdict {
  if (!settings.trusted) return { action: 'refuse', reason: RESTRICTED_MODE_REASON, kind: 'notTrusted' };
  const protectedPaths = paths.filter((p) => isProtectedPath(settings, p));
  if (protectedPaths.length) return { action: 'ask', reason: `It changes protected files (${protectedPaths.join(', ')}), which always need your approval.` };
  if (autoApplyForSession || settings.approvalPolicy !== 'read-only') return { action: 'allow', by: 'policy' };
  return { action: 'ask', reason: 'The read-only policy asks before any patch is applied.' };
}
