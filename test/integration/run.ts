// Runs the integration suite the @vscode/test-electron way. Here the "VS Code executable" is
// scripts/code-test-host.sh (code-server); with desktop VS Code, set CROSSWIND_VSCODE_EXECUTABLE to its
// binary (or unset it to let runTests download one) and the same suite runs there.
//
// Two windows: the suite in the one-folder fixture workspace, then the multi-root suite (the tests whose
// title names a multi-root workspace; they skip themselves in a one-folder window) in a .code-workspace of
// two folders — adding a folder from inside a test would restart the extension host running the tests.
// The second run's results are merged into results.json, which scripts/test.mjs counts.
import fs from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../support/code-server';

const MULTI_ROOT_GREP = 'multi-root workspace';

interface Results {
  failures: number;
  summary: string;
  results: { title: string; state: 'passed' | 'failed'; err?: string }[];
}

async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.CROSSWIND_VSCODE_EXECUTABLE ?? path.join(REPO_ROOT, 'scripts/code-test-host.sh');
  const extensionTestsPath = path.join(REPO_ROOT, 'out/test/integration/index.js');
  // CROSSWIND_IT_GREP='multi-root workspace' runs only the second window; another grep only the first.
  const grep = process.env.CROSSWIND_IT_GREP;
  const multiOnly = grep !== undefined && new RegExp(grep).test(MULTI_ROOT_GREP);
  const one = multiOnly
    ? 0
    : await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath,
        launchArgs: [path.join(REPO_ROOT, 'test/fixtures/workspace')],
      }).catch(() => 1);
  if (grep !== undefined && !multiOnly) {
    process.exitCode = one;
    return;
  }
  const multi = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath,
    launchArgs: [path.join(REPO_ROOT, 'test/fixtures/multiroot/multiroot.code-workspace')],
    extensionTestsEnv: { CROSSWIND_IT_GREP: MULTI_ROOT_GREP },
  }).catch(() => 1);
  mergeResults(!multiOnly);
  process.exitCode = one || multi;
}

/** Adds the multi-root run's results to results.json (which the one-folder run wrote, when it ran). */
function mergeResults(oneRan: boolean): void {
  const dir = path.join(REPO_ROOT, 'test-results', 'integration');
  const read = (name: string): Results | undefined => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Results;
    } catch {
      return undefined;
    }
  };
  const multi = read('results-multiroot.json') ?? { failures: 1, summary: 'multi-root integration run: no results', results: [] };
  const one = (oneRan ? read('results.json') : undefined) ?? { failures: 0, summary: 'one folder: not run', results: [] };
  const merged: Results = { failures: one.failures + multi.failures, summary: `${one.summary}; multi-root: ${multi.summary}`, results: [...one.results, ...multi.results] };
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(merged, null, 2));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
