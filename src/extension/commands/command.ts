// One file per command: each exports a CommandModule, listed in commands/index.ts.
import type { ExtensionServices } from '../services';

export interface CommandModule {
  id: string;
  run(services: ExtensionServices, ...args: unknown[]): unknown;
}
