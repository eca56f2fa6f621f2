// Runs a fix the engine suggested (`aws sso login --profile dev`, `az login`) in a terminal the user
// sees: the command is shown before it runs, and whatever it asks (a browser sign-in, a code) happens there.
import * as vscode from 'vscode';

export function runFixInTerminal(command: string): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name: 'Crosswind: fix', iconPath: new vscode.ThemeIcon('tools') });
  terminal.show();
  terminal.sendText(command, true);
  return terminal;
}
