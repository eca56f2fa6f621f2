// Shared helpers for suites running inside the extension host.
import * as vscode from 'vscode';
import type { CrosswindApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'crosswind-labs.crosswind';

export async function crosswind(): Promise<CrosswindApi> {
  const ext = vscode.extensions.getExtension<CrosswindApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return ext.activate();
}

/** Polls `check` until it returns a value (not undefined/false) or the time runs out. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
