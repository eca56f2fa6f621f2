// "Crosswind: Delete Profile…": remove a saved profile, and its key from SecretStorage when no other
// profile uses it. Takes an optional profile name (and a scripted PickerUi in tests).
import { pickerDeps } from '../providers/picker-deps';
import { pickAndDeleteProfile } from '../providers/provider-picker';
import type { CommandModule } from './command';

export const deleteProfileCommand: CommandModule = {
  id: 'crosswind.deleteProfile',
  run: (services, ...args: unknown[]) => {
    const name = args.find((a): a is string => typeof a === 'string');
    return pickAndDeleteProfile(pickerDeps(services, args.find((a) => typeof a === 'object')), name);
  },
};
