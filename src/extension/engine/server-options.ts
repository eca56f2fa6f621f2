// How the extension starts the engine process: dist/server.js on the extension host's Node, over IPC,
// with the extension host's environment less the cloud variables (engine-environment.ts).
import * as vscode from 'vscode';
import { TransportKind, type ServerOptions } from 'vscode-languageclient/node';

export function engineServerOptions(extensionUri: vscode.Uri, env: NodeJS.ProcessEnv): ServerOptions {
  // `env` must already have the cloud credentials emptied: the client merges process.env under it.
  const module = vscode.Uri.joinPath(extensionUri, 'dist', 'server.js').fsPath;
  const options = { env: { ...env, CROSSWIND_ENGINE: '1' } };
  return {
    run: { module, transport: TransportKind.ipc, options },
    debug: { module, transport: TransportKind.ipc, options: { ...options, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
}
