// Entry for bench/activation.bench.ts, run inside the real extension host: Crosswind's activation time
// (from the first byte of dist/extension.js to the end of activate(), as the extension measures it) and,
// as the baseline in the same host, the same measure for a minimal extension that registers one command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CrosswindApi } from '../../src/extension/extension';

const MINIMAL = `var __start = performance.now();
const vscode = require('vscode');
exports.activate = function (context) {
  context.subscriptions.push(vscode.commands.registerCommand('crosswindBench.minimal', () => 1));
  return performance.now() - __start;
};`;

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<CrosswindApi>('crosswind-labs.crosswind');
  if (!ext) throw new Error('Crosswind is not loaded');
  const api = await ext.activate();
  // Wait for the services bundle, loaded on the tick after activation.
  for (let i = 0; i < 200 && api.servicesMs === undefined; i++) await new Promise((r) => setTimeout(r, 25));
  // Baseline: load and activate a minimal extension module the way the host does (require + activate).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-'));
  const file = path.join(dir, 'minimal.js');
  fs.writeFileSync(file, MINIMAL);
  const fakeContext = { subscriptions: [] as vscode.Disposable[] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading a module at run time is what is measured
  const baselineMs = (require(file) as { activate(c: typeof fakeContext): number }).activate(fakeContext);
  for (const d of fakeContext.subscriptions) d.dispose();
  const out = process.env.CROSSWIND_TEST_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify({ activationMs: api.activationMs, loadMs: api.loadMs, servicesMs: api.servicesMs, baselineMs, failures: 0, results: [], summary: 'bench' }));
}
