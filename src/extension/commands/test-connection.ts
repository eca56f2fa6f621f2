// "Crosswind: Test Connection": the active profile's identity and round trip, or the fix. Takes an
// optional profile name (and a scripted PickerUi in tests).
import { pickerDeps } from '../providers/picker-deps';
import { testProfile } from '../providers/provider-picker';
import type { CommandModule } from './command';

export const testConnectionCommand: CommandModule = {
  id: 'crosswind.testConnection',
  run: (services, ...args: unknown[]) => {
    const name = args.find((a): a is string => typeof a === 'string');
    return testProfile(pickerDeps(services, args.find((a) => typeof a === 'object')), name);
  },
};
