// "Crosswind: Select Provider…" (palette, sidebar, status bar): switch, test, delete or add a profile.
// A test may pass a scripted PickerUi as the argument; otherwise VS Code's quick input is used.
import { pickerDeps } from '../providers/picker-deps';
import { selectProvider } from '../providers/provider-picker';
import type { CommandModule } from './command';

export const selectProviderCommand: CommandModule = {
  id: 'crosswind.selectProvider',
  run: (services, ui: unknown) => selectProvider(pickerDeps(services, ui)),
};
