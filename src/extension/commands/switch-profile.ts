// "Crosswind: Switch Profile…": make another saved provider profile the active one.
import { pickerDeps } from '../providers/picker-deps';
import { switchProfile } from '../providers/provider-picker';
import type { CommandModule } from './command';

export const switchProfileCommand: CommandModule = {
  id: 'crosswind.switchProfile',
  run: (services, ui: unknown) => switchProfile(pickerDeps(services, ui)),
};
