// Codex-trained models sometimes call apply_patch through the shell: ["apply_patch", "<patch>"] or
// ["bash", "-lc", "apply_patch <<'EOF'\n…\nEOF"] (optionally after `cd <dir> &&`). Such a command is
// routed to the apply_patch tool instead of a process, as Codex does, so it gets the same review.

const HEREDOC = /^(?:cd\s+\S+\s*&&\s*)?(?:apply_patch|applypatch)\s*<<\s*(['"]?)(\w+)\1\s*\n([\s\S]*?)\n\2\s*$/;

/** The patch text when `command` is an apply_patch invocation, else undefined. */
export function extractApplyPatchInvocation(command: string[]): string | undefined {
  const [exe, a1, a2] = command;
  if ((exe === 'apply_patch' || exe === 'applypatch') && command.length === 2 && typeof a1 === 'string') return a1;
  const base = exe?.split('/').pop();
  if ((base === 'bash' || base === 'sh' || base === 'zsh') && (a1 === '-c' || a1 === '-lc') && command.length === 3 && typeof a2 === 'string') {
    const m = HEREDOC.exec(a2.trim());
    if (m) return m[3];
  }
  return undefined;
}
