// Diff editor title: reject every hunk of the patch not already accepted (the model is told).
import type { CommandModule } from './command';
import { onDiffTarget } from './diff-target';

export const diffRejectAllCommand: CommandModule = {
  id: 'crosswind.diff.rejectAll',
  run: (services, arg: unknown) => onDiffTarget(services, arg, (ref) => services.review.rejectAll(ref.threadId, ref.patchId)),
};
