// A real VS Code (code-server) with the packaged Crosswind VSIX installed, a fresh workspace, and a
// loopback cloud (Bedrock or Azure OpenAI) in this test process; driven by Playwright in headless Debian
// Chromium like a person would: the activity bar, the sidebar webview, the command palette, the editor.
import fs from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { startBedrockServer } from '../../support/bedrock-server';
import { codeServerCli, launchChromium, REPO_ROOT, scratchDir, startCodeServer, tools, writeUserSettings, type Browser, type CodeServer } from '../../support/code-server';
import { startOpenAIServer } from '../../support/openai-server';
import type { ReceivedRequest, ScriptEntry } from '../../support/scripted-model';

export const EXTENSION_ID = 'crosswind-labs.crosswind';
export const ARTIFACTS = path.join(REPO_ROOT, 'test-results', 'e2e');

export type CloudKind = 'bedrock' | 'azure';

interface LoopbackCloud {
  profile: Record<string, unknown>;
  /** Credentials for the engine, through code-server's environment (SecretStorage cannot be set from outside). */
  env: Record<string, string>;
  script(entries: ScriptEntry[]): void;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

async function startCloud(kind: CloudKind): Promise<LoopbackCloud> {
  if (kind === 'bedrock') {
    const credentials = { accessKeyId: 'AKIDWORKBENCHE2E0001', secretAccessKey: 'workbench/e2e/secret/key/000000000001' };
    const server = await startBedrockServer({ credentials, region: 'us-east-1' });
    return {
      profile: { name: 'bedrock-e2e', provider: 'bedrock', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1', endpoint: server.url, auth: { type: 'chain' } },
      env: { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' },
      script: (e) => server.script(e),
      requests: server.requests,
      close: () => server.close(),
    };
  }
  const apiKey = 'azure-workbench-e2e-key-0123456789';
  const server = await startOpenAIServer({ apiKey, azure: { v1: true } });
  return {
    profile: { name: 'azure-e2e', provider: 'azure', model: 'gpt-5.5', endpoint: server.url, deployment: 'gpt-5-5-prod', api: 'responses', auth: { type: 'apiKey' } },
    env: { AZURE_OPENAI_API_KEY: apiKey },
    script: (e) => server.script(e),
    requests: server.requests,
    close: () => server.close(),
  };
}

export interface WorkbenchOptions {
  cloud: CloudKind;
  /** Workspace files, relative path → text. */
  files: Record<string, string>;
  /** Prefix of the screenshot names. */
  name: string;
  /** Open the folder untrusted (Restricted Mode), with VS Code's workspace trust on. */
  untrusted?: boolean;
  /**
   * Machine-scoped settings (e.g. crosswind.cloud.*): code-server's window is a remote one, where VS Code
   * reads them from the remote machine's settings (user-data-dir/Machine), not the user's.
   */
  machineSettings?: Record<string, unknown>;
  /** Runs on the workspace folder once its files are written (e.g. git init and commit). */
  prepare?(workspace: string): void;
}

export class Workbench {
  private shots = 0;

  private constructor(
    readonly page: Page,
    readonly workspace: string,
    readonly cloud: LoopbackCloud,
    private readonly server: CodeServer,
    private readonly browser: Browser,
    private readonly root: string,
    private readonly name: string,
  ) {}

  static async start(opts: WorkbenchOptions): Promise<Workbench> {
    const vsix = path.join(REPO_ROOT, `crosswind-${(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version}.vsix`);
    if (!fs.existsSync(vsix)) throw new Error(`${path.basename(vsix)} not found: run \`npm run package\` first`);
    const t = tools();
    const root = scratchDir('wb-');
    const workspace = path.join(root, 'ws');
    for (const [p, text] of Object.entries(opts.files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, p)), { recursive: true });
      fs.writeFileSync(path.join(workspace, p), text);
    }
    opts.prepare?.(workspace);
    const userDataDir = path.join(root, 'user');
    const extensionsDir = path.join(root, 'ext');
    codeServerCli({ tools: t, root }, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix]);
    const cloud = await startCloud(opts.cloud);
    writeUserSettings(userDataDir, {
      'crosswind.profiles': [cloud.profile],
      'crosswind.activeProfile': cloud.profile.name,
      'crosswind.approvalPolicy': 'read-only',
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.minimap.enabled': false,
      'workbench.editor.enablePreview': true,
      // The empty secondary side bar would leave the diff editor too narrow for side by side.
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      // Restricted Mode: trust on, and the folder opened untrusted without the modal prompt.
      ...(opts.untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {}),
    });
    if (opts.machineSettings) {
      fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
      fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(opts.machineSettings, null, 2));
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const server = await startCodeServer({
      tools: t,
      root,
      workspace,
      userDataDir,
      extensionsDir,
      env: cloud.env,
      logFile: path.join(ARTIFACTS, `${opts.name}-code-server.log`),
      ...(opts.untrusted ? { workspaceTrust: true } : {}),
    });
    const browser = await launchChromium(t, root);
    const wb = new Workbench(browser.page, workspace, cloud, server, browser, root, opts.name);
    await browser.page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The extension's contributions arrive a few seconds after the workbench paints.
    await wb.activityBarIcon().waitFor({ timeout: 60_000 });
    return wb;
  }

  activityBarIcon(): Locator {
    return this.page.locator('.activitybar .action-item .action-label[aria-label^="Crosswind"]');
  }

  /** The sidebar's own document: the webview's outer iframe, then its content frame. */
  sidebar(): FrameLocator {
    return this.page.frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`).frameLocator('iframe#active-frame');
  }

  async openSidebar(): Promise<FrameLocator> {
    const title = this.page.locator('.part.sidebar .composite.title', { hasText: 'Crosswind' });
    // Clicking the icon of the container already shown would hide the sidebar.
    if (!(await title.isVisible())) await this.activityBarIcon().click();
    await title.waitFor();
    const view = this.sidebar();
    await view.getByRole('textbox', { name: 'Message Crosswind' }).waitFor({ timeout: 30_000 });
    return view;
  }

  /** F1, the command's title, Enter — retried, because an open quick pick never shows late contributions. */
  async runFromPalette(title: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor();
      await input.fill(`>${title}`);
      const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: 2000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch (e) {
        await this.page.keyboard.press('Escape');
        if (Date.now() > deadline) throw e;
      }
    }
  }

  /** Opens a workspace file with Quick Open and puts the cursor on `line` (1-based). */
  async openFile(relativePath: string, line = 1): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(relativePath);
    await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: path.basename(relativePath) }).waitFor();
    await this.page.keyboard.press('F1');
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
  }

  /** The text shown by the diff editor's proposed (right) side. */
  diffProposedSide(): Locator {
    return this.page.locator('.monaco-diff-editor .editor.modified .view-lines');
  }

  codeLens(title: string): Locator {
    return this.page.locator('.monaco-diff-editor .editor.modified .codelens-decoration a', { hasText: title });
  }

  read(relativePath: string): string | undefined {
    const p = path.join(this.workspace, relativePath);
    return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
  }

  /** Polls the file on disk until it holds `expected`. */
  async fileBecomes(relativePath: string, expected: string | undefined, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.read(relativePath) !== expected) {
      if (Date.now() > deadline) throw new Error(`${relativePath} did not become the expected text; it is:\n${this.read(relativePath) ?? '(missing)'}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async screenshot(step: string): Promise<string> {
    this.shots += 1;
    const file = path.join(ARTIFACTS, `${this.name}-${String(this.shots).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    await this.cloud.close().catch(() => undefined);
    if (!process.env.CROSSWIND_E2E_KEEP) fs.rmSync(this.root, { recursive: true, force: true });
  }
}
