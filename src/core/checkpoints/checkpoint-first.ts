// The two ways a turn changes files — a patch being written, a command being run — wrapped so the turn's
// checkpoint is taken first. (A command runs only after it was approved: a declined one takes none.)
import type { PatchView } from '../../protocol';
import type { PatchEvents, PendingPatch } from '../patches/patch-manager';
import type { UserEdit } from '../patches/user-edits';
import type { Shell } from '../ports/shell';
import type { AppliedWrite } from '../threads/records';

export class CheckpointFirstPatchEvents implements PatchEvents {
  constructor(
    private readonly inner: PatchEvents,
    private readonly beforeChange: (threadId: string) => Promise<void>,
  ) {}

  proposed(p: PendingPatch): Promise<void> {
    return this.inner.proposed(p);
  }

  changed(p: PendingPatch, view: PatchView): Promise<void> {
    return this.inner.changed(p, view);
  }

  async applying(p: PendingPatch, writes: AppliedWrite[], view: PatchView): Promise<void> {
    await this.beforeChange(p.threadId);
    return this.inner.applying(p, writes, view);
  }

  reverting(p: PendingPatch, writes: AppliedWrite[]): Promise<void> {
    return this.inner.reverting(p, writes);
  }

  applied(p: PendingPatch, writes: AppliedWrite[], action: 'apply' | 'revert'): Promise<void> {
    return this.inner.applied(p, writes, action);
  }

  edited(p: PendingPatch, path: string, edit: UserEdit | undefined): Promise<void> {
    return this.inner.edited(p, path, edit);
  }
}

export function checkpointFirstShell(shell: Shell, beforeChange: () => Promise<void>): Shell {
  return {
    run: async (request) => {
      await beforeChange();
      return shell.run(request);
    },
    sandbox: () => shell.sandbox(),
    parse: (script) => shell.parse(script),
  };
}
