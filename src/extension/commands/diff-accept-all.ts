// Diff editor title: accept every hunk of the patch not already rejected, and apply it.
import type { CommandModule } from './command';
import { onDiffTarget } from './diff-target';

export const diffAcceptAllCommand: CommandModule = {
  id: 'crosswind.diff.acceptAll',
  run: (services, arg: unknown) => onDiffTarget(services, arg, (ref) => services.review.applyAll(ref.threadId, ref.patchId)),
};
