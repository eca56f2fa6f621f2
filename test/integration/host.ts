// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }): it takes
// the --extensionDevelopmentPath= / --extensionTestsPath= arguments (and a folder to open), starts
// code-server with the smoke-test driver, opens the workbench in headless Chromium with a `payload` that
// loads the extension from its folder and runs the mocha suite inside the real extension host, and exits
// with the suite's exit code. Desktop VS Code users can run the same suite with the real executable.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { ENGINE_ENV_CANARY } from './engine-env-canary';
import { codeServerCli, launchChromium, remoteUri, scratchDir, startCodeServer, tools, writeUserSettings, REPO_ROOT } from '../support/code-server';

const TIMEOUT_MS = Number(process.env.CROSSWIND_INTEGRATION_TIMEOUT_MS ?? 300_000);

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const devPath = flag('extensionDevelopmentPath');
  const testsPath = flag('extensionTestsPath');
  if (!devPath || !testsPath) {
    console.error('usage: code-test-host --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [FOLDER]');
    return 2;
  }
  const folderArg = argv.filter((a) => !a.startsWith('--')).pop();
  const t = tools();
  const root = scratchDir('it-');
  const workspace = path.join(root, 'ws');
  // A .code-workspace file opens a multi-root workspace: its folder is copied, and the file is opened.
  const workspaceFile = folderArg?.endsWith('.code-workspace') ? path.join(workspace, path.basename(folderArg)) : undefined;
  fs.cpSync(workspaceFile ? path.dirname(folderArg!) : (folderArg ?? path.join(REPO_ROOT, 'test/fixtures/workspace')), workspace, { recursive: true });
  const userDataDir = path.join(root, 'user');
  writeUserSettings(userDataDir);
  const artifacts = path.join(REPO_ROOT, 'test-results', 'integration');
  fs.mkdirSync(artifacts, { recursive: true });
  const resultsFile = path.join(artifacts, workspaceFile ? 'results-multiroot.json' : 'results.json');
  fs.rmSync(resultsFile, { force: true });

  // Packaged extensions to install beside the one under test (the activation bench's baseline):
  // code-server loads only one extension from a development path.
  for (const vsix of (process.env.CROSSWIND_EXTRA_VSIX ?? '').split(':').filter(Boolean)) {
    codeServerCli({ tools: t, root }, ['--user-data-dir', userDataDir, '--extensions-dir', path.join(root, 'ext'), '--install-extension', vsix]);
  }
  const cs = await startCodeServer({
    tools: t,
    root,
    workspace: workspaceFile ?? workspace,
    userDataDir,
    extensionsDir: path.join(root, 'ext'),
    smokeTestDriver: true,
    env: { CROSSWIND_TEST_RESULTS: resultsFile, CROSSWIND_TEST_WORKSPACE: workspace, CROSSWIND_VALIDATE_NOTIFICATIONS: '1', AZURE_CLIENT_SECRET: ENGINE_ENV_CANARY },
    logFile: path.join(artifacts, 'code-server.log'),
  });
  const browser = await launchChromium(t, root);
  let exitCode: number | 'timeout';
  try {
    const log = fs.createWriteStream(path.join(artifacts, 'workbench.log'));
    const done = new Promise<number>((resolve) => {
      // The workbench calls these (IAutomatedWindow) with every log line of the extension host — mocha's
      // reporter included — and then with the suite's exit code.
      void browser.page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        const line = util.format(...(args ?? []));
        log.write(`[${type}] ${line}\n`);
        if (line.startsWith('[crosswind-it] ')) console.log(line.slice(15));
      });
      void browser.page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const payload = [
      ['extensionDevelopmentPath', remoteUri(cs, path.resolve(devPath))],
      ['extensionTestsPath', remoteUri(cs, path.resolve(testsPath))],
      ['skipWelcome', 'true'],
    ];
    const open = workspaceFile ? `workspace=${encodeURIComponent(workspaceFile)}` : `folder=${encodeURIComponent(workspace)}`;
    await browser.page.goto(`${cs.url}?${open}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), TIMEOUT_MS).unref());
    exitCode = await Promise.race([done, timeout]);
    if (exitCode === 'timeout') {
      await browser.page.screenshot({ path: path.join(artifacts, 'timeout.png') });
      console.error(`integration: no result after ${TIMEOUT_MS} ms (screenshot in test-results/integration/timeout.png)`);
      return 124;
    }
    return exitCode;
  } finally {
    await browser.close().catch(() => undefined);
    await cs.stop();
    if (!process.env.CROSSWIND_E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('integration host failed:', e);
    process.exit(1);
  },
);
