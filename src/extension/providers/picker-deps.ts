// What the provider picker runs with in the editor: VS Code's quick input (or a test's scripted UI),
// the engine, the settings-backed profile store, and a terminal for fixes.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { runFixInTerminal } from './fix-terminal';
import { isPickerUi } from './picker-ui';
import type { PickerDeps } from './provider-picker';
import { ProfileStore } from './profile-store';
import { QuickInputUi } from './quick-input-ui';

export function pickerDeps(services: ExtensionServices, uiArg?: unknown): PickerDeps {
  return {
    ui: isPickerUi(uiArg) ? uiArg : new QuickInputUi(),
    engine: services.engine,
    store: new ProfileStore(services.context.secrets),
    env: process.env,
    // In Restricted Mode workspace profiles are ignored, so saving one there would do nothing.
    canSaveToWorkspace: (vscode.workspace.workspaceFolders?.length ?? 0) > 0 && vscode.workspace.isTrusted,
    runFix: (command) => {
      services.log.info(`Running a suggested fix in a terminal: ${command}`);
      runFixInTerminal(command);
    },
    // Completes the walkthrough's sign-in step, in this window and the next ones.
    onVerified: () => services.walkthrough.mark('connectionVerified'),
  };
}
