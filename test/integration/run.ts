// Runs the integration suite the @vscode/test-electron way. Here the "VS Code executable" is
// scripts/code-test-host.sh (code-server); with desktop VS Code, set CROSSWIND_VSCODE_EXECUTABLE to its
// binary (or unset it to let runTests download one) and the same suite runs there.
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../support/code-server';

async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.CROSSWIND_VSCODE_EXECUTABLE ?? path.join(REPO_ROOT, 'scripts/code-test-host.sh');
  const code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(REPO_ROOT, 'out/test/integration/index.js'),
    launchArgs: [path.join(REPO_ROOT, 'test/fixtures/workspace')],
  });
  process.exitCode = code;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
