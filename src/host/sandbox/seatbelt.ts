// The macOS sandbox: sandbox-exec with a Seatbelt profile built for each command. Everything not named
// stays allowed (compilers, package managers and shells need far more of the system than a list could
// name), then: writes are denied except in the workspace, the temp folder and the terminal devices; git
// hooks and config stay read-only; credential folders and the engine's own files can be neither read
// nor written; the network (Unix sockets included) is denied unless allowed; and no other process can be
// inspected or signalled, so the engine's environment cannot be read through `ps`. Paths are passed as -D parameters,
// never spliced into the profile text.
import type { CommandSandbox, SandboxPolicy, WrappedCommand } from './sandbox-policy';

/** The system's own sandbox-exec, by absolute path: never one found on PATH. */
export const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

export class SeatbeltSandbox implements CommandSandbox {
  readonly kind = 'seatbelt' as const;

  wrap(command: string[], _cwd: string, policy: SandboxPolicy): WrappedCommand {
    const { profile, params } = seatbeltProfile(policy);
    const defines = Object.entries(params).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
    return { file: SANDBOX_EXEC, args: ['-p', profile, ...defines, '--', ...command] };
  }
}

export function seatbeltProfile(policy: SandboxPolicy): { profile: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const param = (prefix: string, values: readonly string[]) =>
    values.map((v, i) => {
      params[`${prefix}_${i}`] = v;
      return `(param "${prefix}_${i}")`;
    });
  const writable = [...param('WRITABLE', policy.writableRoots), ...param('TEMP', [policy.tempDir])];
  const readOnly = param('READONLY', policy.readOnlyPaths);
  const hidden = param('HIDDEN', policy.hiddenPaths);
  const lines = [
    '(version 1)',
    '(allow default)',
    '(deny file-write*)',
    `(allow file-write* ${writable.map((w) => `(subpath ${w})`).join(' ')} (literal "/dev/null") (literal "/dev/zero") (literal "/dev/dtracehelper") (regex #"^/dev/tty") (regex #"^/dev/fd/"))`,
    ...(readOnly.length ? [`(deny file-write* ${readOnly.map((p) => `(subpath ${p})`).join(' ')})`] : []),
    ...(hidden.length ? [`(deny file-read* file-write* ${hidden.map((p) => `(subpath ${p})`).join(' ')})`] : []),
    '(deny process-info*)',
    '(allow process-info* (target same-sandbox))',
    '(deny signal)',
    '(allow signal (target same-sandbox))',
    ...(policy.network ? [] : ['(deny network*)']),
  ];
  return { profile: lines.join('\n'), params };
}
