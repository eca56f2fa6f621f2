// How a patch failure is told — to the model (so it can retry well) and to the user (so they know why) — and the errors the patch manager throws.
import type { ErrorInfo } from '../../protocol';
import type { PatchError } from '../../patch';

/** The full explanation: what failed, where, what was looked for and the closest lines found. */
export function describePatchError(e: PatchError): string {
  const parts = [e.message];
  if (e.hint) parts.push(e.hint);
  if (e.expected?.length && !e.message.includes(e.expected[0] ?? '\u0000')) {
    parts.push(`Looked for${e.chunk ? ` (chunk ${e.chunk}${e.path ? ` of ${e.path}` : ''})` : ''}:\n${e.expected.map((l) => `  ${l}`).join('\n')}`);
  }
  if (e.closest) {
    parts.push(
      `Closest lines in the file (from line ${e.closest.line}, ${e.closest.matching} of ${e.expected?.length ?? '?'} lines matching):\n` +
        e.closest.lines.map((l, i) => `  ${e.closest!.line + i}: ${l}`).join('\n'),
    );
  }
  return parts.join('\n');
}

export function patchErrorInfo(e: PatchError, lead?: string): ErrorInfo {
  return {
    kind: e.kind === 'outsideWorkspace' ? 'accessDenied' : 'invalidRequest',
    message: lead ? `${lead}\n${describePatchError(e)}` : describePatchError(e),
  };
}

export class PatchNotFoundError extends Error {
  constructor(readonly patchId: string) {
    super(`No patch '${patchId}' in this thread.`);
    this.name = 'PatchNotFoundError';
  }
}

/** The patch cannot move to the asked state (e.g. a revert of a patch that was never applied). */
export class PatchStateError extends Error {
  constructor(
    message: string,
    /** How a patch that went stale says why (kept whole for its view). */
    readonly info?: ErrorInfo,
  ) {
    super(message);
    this.name = 'PatchStateError';
  }
}

/** Why a patch whose edited file changed since the edit is not applied. */
export function editConflict(paths: string[]): ErrorInfo {
  return {
    kind: 'invalidRequest',
    message: `Not applied: ${paths.join(', ')} changed since you edited the proposal, and your edit was made against the earlier text. Nothing was written.`,
  };
}
