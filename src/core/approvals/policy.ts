// The approval policy: what the agent may do on its own, what needs the user, and what is refused.
//   read-only  — every patch and every command asks first (the CLI, with nobody to ask, declines);
//   auto-edit  — patches apply on their own (each can be reverted); commands ask;
//   full-auto  — patches apply and commands run on their own inside the OS sandbox (ask without one).
// Whatever the policy: nothing runs or is written in Restricted Mode, denied commands never run, and
// protected files (.git internals, .env*, keys) are only written with the user's explicit approval.
import type { EngineSettings } from '../../protocol';
import type { SandboxStatus } from '../ports/shell';
import type { CommandAnalysis } from './command-analysis';
import { allowMatches, denyMatches } from './command-match';
import { isGitInternal, judgedForms, matchesAnyGlob } from './glob';

export type Verdict = { action: 'allow'; by: 'policy' } | { action: 'ask'; reason: string } | { action: 'refuse'; reason: string; kind: 'notTrusted' | 'denied' };

export const RESTRICTED_MODE_REASON =
  'This workspace is in Restricted Mode: Crosswind can read and chat, but cannot run commands or apply patches until you trust the workspace.';

/**
 * The verdict on a command line, given what it really runs (command-analysis.ts) and the sandbox it
 * would run in. In order: Restricted Mode refuses; a deny entry matching any command anywhere in the
 * line refuses; a line the deny list cannot fully see into asks (when there is a deny list); a command
 * approved for the session, or a plain command an allow entry names, runs; full-auto runs it only
 * inside an OS sandbox, and asks where there is none; otherwise it asks.
 */
export function decideCommand(settings: EngineSettings, command: string[], analysis: CommandAnalysis, approvedForSession: ReadonlySet<string>, sandbox: SandboxStatus): Verdict {
  if (!settings.trusted) return { action: 'refuse', reason: RESTRICTED_MODE_REASON, kind: 'notTrusted' };
  let maybe: string | undefined;
  for (const words of analysis.commands) {
    for (const entry of settings.commandDeny) {
      const m = denyMatches(words, entry);
      if (m === 'yes') return { action: 'refuse', reason: `'${shown(words)}' is on the deny list ('${entry}', crosswind.commands.deny).`, kind: 'denied' };
      if (m === 'maybe') maybe ??= `'${shown(words)}' might be '${entry}', which is on the deny list, depending on values only known when it runs.`;
    }
  }
  const hasDeny = settings.commandDeny.some((e) => e.trim());
  if (maybe) return { action: 'ask', reason: `${maybe} It needs your approval.` };
  if (analysis.unseen && hasDeny) return { action: 'ask', reason: `The deny list cannot be checked on this command: ${analysis.unseen}. It needs your approval.` };
  if (approvedForSession.has(command.join('\u0000'))) return { action: 'allow', by: 'policy' };
  const plain = analysis.plain;
  if (plain && settings.commandAllow.some((entry) => allowMatches(plain, entry))) return { action: 'allow', by: 'policy' };
  if (settings.approvalPolicy === 'full-auto') {
    if (sandbox.kind !== 'none') return { action: 'allow', by: 'policy' };
    return { action: 'ask', reason: `Full-auto runs commands on their own only inside an OS sandbox, and there is none here: ${sandbox.reason}. Each command asks first.` };
  }
  return { action: 'ask', reason: settings.approvalPolicy === 'read-only' ? 'The read-only policy asks before any command runs.' : 'Commands ask before they run (auto-edit policy).' };
}

function shown(words: readonly (string | null)[]): string {
  return words.map((w) => w ?? '…').join(' ').slice(0, 200);
}

/**
 * `folderNames`: the folders of a multi-root workspace, whose paths start with the folder's name. A rule
 * anchored at the root (`.github/workflows/**`, a user's `secrets/*`) is about each folder's root there,
 * so a path is judged as written and as it is inside its folder.
 */
export function isProtectedPath(settings: EngineSettings, path: string, folderNames: readonly string[] = []): boolean {
  return judgedForms(path, folderNames).some((p) => isGitInternal(p) || matchesAnyGlob(p, settings.protectedPaths));
}

/**
 * `overwrites`: files the patch adds (Add File) that already exist; they always ask.
 * `runLater`: the paths among `paths` that make code run later (runs-code-later.ts, package.json script
 * changes included); outside full-auto they always ask.
 */
export function decidePatch(settings: EngineSettings, paths: string[], runLater: string[] = [], overwrites: string[] = [], folderNames: readonly string[] = []): Verdict {
  if (!settings.trusted) return { action: 'refuse', reason: RESTRICTED_MODE_REASON, kind: 'notTrusted' };
  const protectedPaths = paths.filter((p) => isProtectedPath(settings, p, folderNames));
  if (protectedPaths.length) return { action: 'ask', reason: `It changes protected files (${protectedPaths.join(', ')}), which always need your approval.` };
  // "Add File" over a file that exists would replace it whole, unseen: never without the user.
  if (overwrites.length) return { action: 'ask', reason: `It adds files that already exist (${overwrites.join(', ')}), which would replace them whole; that always needs your approval.` };
  if (runLater.length && settings.approvalPolicy !== 'full-auto') {
    return { action: 'ask', reason: `It changes files that make code run later without anyone running it (${runLater.join(', ')}), which always need your approval outside full-auto.` };
  }
  if (settings.approvalPolicy !== 'read-only') return { action: 'allow', by: 'policy' };
  return { action: 'ask', reason: 'The read-only policy asks before any patch is applied.' };
}

/** The key a session approval of an MCP tool is kept under (beside exact commands, never equal to one). */
export function mcpSessionKey(server: string, tool: string): string {
  return `mcp\u0001${server}/${tool}`;
}

/**
 * The verdict on a call of an MCP tool. A server's tool can do anything its author made it do, so it is
 * treated like a command: Restricted Mode refuses; read-only asks; auto-edit asks unless `mcpAllow`
 * names the server or `server/tool` (or the user approved it for the session); full-auto runs it.
 */
export function decideMcpCall(settings: EngineSettings, server: string, tool: string, approvedForSession: ReadonlySet<string>): Verdict {
  if (!settings.trusted) return { action: 'refuse', reason: RESTRICTED_MODE_REASON, kind: 'notTrusted' };
  if (settings.approvalPolicy === 'full-auto') return { action: 'allow', by: 'policy' };
  if (settings.approvalPolicy === 'read-only') return { action: 'ask', reason: `The read-only policy asks before any MCP tool runs (${server}/${tool}).` };
  if (approvedForSession.has(mcpSessionKey(server, tool))) return { action: 'allow', by: 'policy' };
  if (settings.mcpAllow.some((entry) => entry === server || entry === `${server}/${tool}`)) return { action: 'allow', by: 'policy' };
  return { action: 'ask', reason: `MCP tools ask before they run (auto-edit policy); add '${server}' or '${server}/${tool}' to the MCP allow list to run it without asking.` };
}
