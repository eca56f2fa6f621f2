// Diff editor title: show the previous file of the patch.
import type { CommandModule } from './command';
import { onDiffTarget } from './diff-target';

export const diffPreviousFileCommand: CommandModule = {
  id: 'crosswind.diff.previousFile',
  run: (services, arg: unknown) => onDiffTarget(services, arg, (ref) => services.diffs.step(ref, -1)),
};
