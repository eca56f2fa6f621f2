// One file per command: each exports a CommandModule; extension.ts registers them all.
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services';

export interface CommandModule {
  id: string;
  run(services: ExtensionServices, ...args: unknown[]): unknown;
}

export function registerCommands(
  vscodeApi: typeof vscode,
  modules: CommandModule[],
  services: ExtensionServices,
): vscode.Disposable[] {
  return modules.map((m) => vscodeApi.commands.registerCommand(m.id, (...args: unknown[]) => m.run(services, ...args)));
}
