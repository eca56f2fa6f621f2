// Activation: registers every command the manifest declares and the sidebar view, then returns. The
// services behind them (the engine connection, the views, ~500 KB of bundled code with zod and
// vscode-languageclient) live in dist/extension-services.js, loaded on the next tick — or at once, if a
// command or the view needs them first. So activation takes a few milliseconds (target < 50 ms), and
// the engine still starts right after it.
import * as vscode from 'vscode';
import type { createServices, LoadedServices } from './services-main';
import type { ExtensionServices } from './services';

declare const __crosswindLoadStart: number | undefined;

/** What activate() returns: used by the integration tests and available to other extensions. */
export interface CrosswindApi {
  /** Milliseconds from the first byte of dist/extension.js to the end of activate(). */
  readonly activationMs: number;
  /** The part of activationMs spent before activate() ran (loading the bundle and `require('vscode')`). */
  readonly loadMs: number;
  /** Milliseconds to load and build the services (after activation); undefined until they are. */
  readonly servicesMs: number | undefined;
  /** The services (loaded on first access if they are not yet). */
  readonly services: ExtensionServices;
  /** Commands that have an implementation in the services bundle. */
  readonly implementedCommands: string[];
}

const VIEW_TYPE = 'crosswind.conversation';

export function activate(context: vscode.ExtensionContext): CrosswindApi {
  const started = typeof __crosswindLoadStart === 'number' ? __crosswindLoadStart : performance.now();
  // Loading this bundle, which is mostly the host creating the `vscode` API object for the extension.
  const loadMs = performance.now() - started;
  let loaded: LoadedServices | undefined;
  let servicesMs: number | undefined;
  const load = (): LoadedServices => {
    if (!loaded) {
      const t0 = performance.now();
      // A separate bundle, resolved next to this one at run time (external in scripts/build.mjs).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred loading is the point
      const main = require('./extension-services.js') as { createServices: typeof createServices };
      loaded = main.createServices(context);
      servicesMs = performance.now() - t0;
    }
    return loaded;
  };

  const declared = (context.extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands;
  for (const { command } of declared) {
    context.subscriptions.push(vscode.commands.registerCommand(command, (...args: unknown[]) => load().runCommand(command, args)));
  }
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(VIEW_TYPE, {
      resolveWebviewView: (view) => load().services.view.resolveWebviewView(view),
    }),
  );
  const timer = setTimeout(load, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  const activationMs = performance.now() - started;
  return {
    activationMs,
    loadMs,
    get servicesMs() {
      return servicesMs;
    },
    get services() {
      return load().services;
    },
    get implementedCommands() {
      return load().commandIds;
    },
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes it.
}
