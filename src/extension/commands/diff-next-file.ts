// Diff editor title: show the next file of the patch.
import type { CommandModule } from './command';
import { onDiffTarget } from './diff-target';

export const diffNextFileCommand: CommandModule = {
  id: 'crosswind.diff.nextFile',
  run: (services, arg: unknown) => onDiffTarget(services, arg, (ref) => services.diffs.step(ref, 1)),
};
