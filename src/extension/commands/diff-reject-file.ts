// Diff editor title: reject every hunk of the file shown (the review moves on to the next file).
import type { CommandModule } from './command';
import { onDiffTarget } from './diff-target';

export const diffRejectFileCommand: CommandModule = {
  id: 'crosswind.diff.rejectFile',
  run: (services, arg: unknown) =>
    onDiffTarget(services, arg, (ref) => services.review.decide(ref.threadId, ref.patchId, [{ path: ref.path, decision: 'rejected' }])),
};
