// Entry for bench/activation.bench.ts, run inside the real extension host: Crosswind's activation time
// (from the first byte of dist/extension.js to the end of activate(), as the extension measures it) when
// VS Code activates it on its own activation event (onStartupFinished), and, as the baseline in the same
// host, the same measure for test/fixtures/minimal-extension, which registers one command.
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { CrosswindApi } from '../../src/extension/extension';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<CrosswindApi>('crosswind-labs.crosswind');
  if (!ext) throw new Error('Crosswind is not loaded');
  // Let VS Code activate it as it does for users (onStartupFinished, once the window has started),
  // rather than forcing it while the extension host is still busy starting everything else.
  for (let i = 0; i < 600 && !ext.isActive; i++) await new Promise((r) => setTimeout(r, 100));
  const api = await ext.activate();
  const baseline = vscode.extensions.getExtension<{ activationMs: number }>('crosswind-bench.minimal-extension');
  if (!baseline) throw new Error('the baseline extension is not loaded');
  for (let i = 0; i < 600 && !baseline.isActive; i++) await new Promise((r) => setTimeout(r, 100));
  const baselineMs = (await baseline.activate()).activationMs;
  // Wait for the services bundle, loaded on the tick after activation.
  for (let i = 0; i < 200 && api.servicesMs === undefined; i++) await new Promise((r) => setTimeout(r, 25));
  const out = process.env.CROSSWIND_TEST_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify({ activationMs: api.activationMs, loadMs: api.loadMs, servicesMs: api.servicesMs, baselineMs, failures: 0, results: [], summary: 'bench' }));
}
