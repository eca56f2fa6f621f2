// Runs the sidebar webview bundle (dist/webview.js + .css) in headless Chromium the way VS Code does:
// an HTML shell like src/extension/sidebar/webview-html.ts (same strict CSP with a fresh nonce, same #app,
// same assets) served from a loopback HTTP server, and a fake acquireVsCodeApi that records what the
// webview posts and keeps getState/setState in sessionStorage (so a reload restores it, as VS Code does
// when a hidden view comes back). Tests post HostToWebview messages and switch the theme's variables.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../src/protocol/webview';
import { sidebarShellHtml } from '../../src/extension/sidebar/webview-shell';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const STATE_KEY = 'crosswind-harness-state';
/** Loading the unminified bundle can take seconds on a loaded 2-core machine. */
const READY_TIMEOUT_MS = 20_000;

export type ThemeKind = 'light' | 'dark' | 'high-contrast';

// ---------------------------------------------------------------------------------------------- bundle

let bundleReady: Promise<void> | undefined;

/** Builds dist/webview.js/.css (as scripts/build.mjs does) when missing or older than media/ or src/protocol/. */
export function ensureWebviewBundle(): Promise<void> {
  bundleReady ??= (async () => {
    const outputs = ['webview.js', 'webview.css'].map((f) => path.join(dist, f));
    const builtAt = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
    const sourcesAt = Math.max(newestMtime(path.join(root, 'media')), newestMtime(path.join(root, 'src/protocol')));
    if (builtAt < sourcesAt) {
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: { webview: 'media/main.ts' },
        outdir: 'dist',
        bundle: true,
        platform: 'browser',
        target: 'chrome120',
        format: 'iife',
        loader: { '.css': 'css' },
        sourcemap: 'linked',
        logLevel: 'warning',
      });
    }
    const codicons = path.join(dist, 'codicons');
    if (!fs.existsSync(path.join(codicons, 'codicon.ttf'))) {
      fs.mkdirSync(codicons, { recursive: true });
      for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(root, 'node_modules/@vscode/codicons/dist', f), path.join(codicons, f));
    }
  })();
  return bundleReady;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

// ---------------------------------------------------------------------------------------------- server

/** The extension's own shell, with `origin` as the webview's cspSource and the fake API loaded first. */
function shellHtml(origin: string, nonce: string): string {
  return sidebarShellHtml({
    cspSource: origin,
    nonce,
    codiconsCss: `${origin}/dist/codicons/codicon.css`,
    webviewCss: `${origin}/dist/webview.css`,
    scripts: [`${origin}/harness/fake-vscode-api.js`, `${origin}/dist/webview.js`],
    bodyAttributes: 'class="vscode-dark" data-vscode-theme-kind="vscode-dark"',
  });
}

/** Runs in the page before the bundle: the fake VS Code API, CSP-violation recording, the default theme. */
function fakeVsCodeApiScript(): string {
  return `(() => {
  const harness = (window.__harness = { posted: [], violations: [], acquired: 0 });
  document.addEventListener('securitypolicyviolation', (e) => harness.violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => {
    if (harness.acquired++) throw new Error('An instance of the VS Code API has already been acquired');
    return Object.freeze({
      postMessage: (message) => { harness.posted.push(JSON.parse(JSON.stringify(message))); },
      getState: () => { const s = sessionStorage.getItem(${JSON.stringify(STATE_KEY)}); return s === null ? undefined : JSON.parse(s); },
      setState: (state) => { sessionStorage.setItem(${JSON.stringify(STATE_KEY)}, JSON.stringify(state)); return state; },
    });
  };
  const vars = ${JSON.stringify(THEMES.dark)};
  for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
})();`;
}

function contentType(file: string): string {
  return { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json' }[path.extname(file)] ?? 'application/octet-stream';
}

function startServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(shellHtml(origin, randomBytes(18).toString('base64url')));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/harness/fake-vscode-api.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(fakeVsCodeApiScript());
      return;
    }
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    if (!url.pathname.startsWith('/dist/') || !file.startsWith(dist + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType(file), 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------- browser

export class WebviewHarness {
  private constructor(
    private readonly server: http.Server,
    private readonly context: BrowserContext,
    private readonly userDataDir: string,
    readonly origin: string,
  ) {}

  static async start(): Promise<WebviewHarness> {
    await ensureWebviewBundle();
    const server = await startServer();
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-webview-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env: { ...process.env, HOME: userDataDir },
      viewport: { width: 400, height: 760 },
    });
    const port = (server.address() as AddressInfo).port;
    return new WebviewHarness(server, context, userDataDir, `http://127.0.0.1:${port}`);
  }

  /** A fresh sidebar (its own sessionStorage, so no state), optionally with a cached state to restore. */
  async open(options: { cachedState?: unknown; theme?: ThemeKind } = {}): Promise<WebviewPage> {
    const page = await this.context.newPage();
    if (options.cachedState !== undefined) {
      await page.addInitScript(
        ([key, state]) => {
          if (!sessionStorage.getItem(`${key}:seeded`)) {
            sessionStorage.setItem(key, JSON.stringify(state));
            sessionStorage.setItem(`${key}:seeded`, '1');
          }
        },
        [STATE_KEY, options.cachedState] as const,
      );
    }
    const view = new WebviewPage(page);
    await page.goto(`${this.origin}/`);
    await view.waitForPosted((m) => m.method === 'ready', READY_TIMEOUT_MS);
    if (options.theme) await view.setTheme(options.theme);
    return view;
  }

  async close(): Promise<void> {
    await this.context.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

export class WebviewPage {
  readonly console: { type: string; text: string }[] = [];
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m: ConsoleMessage) => this.console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
  }

  /** Delivers a message as the extension host's webview.postMessage does. */
  async post(message: HostToWebview): Promise<void> {
    await this.postRaw(message);
  }

  /** Anything at all, to check that invalid messages are dropped. */
  async postRaw(message: unknown): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  async posted(): Promise<WebviewToHost[]> {
    return this.page.evaluate(() => (window as unknown as { __harness: { posted: WebviewToHost[] } }).__harness.posted);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as { __harness: { posted: unknown[] } }).__harness.posted.length = 0;
    });
  }

  async waitForPosted(predicate: (m: WebviewToHost) => boolean, timeoutMs = 5000): Promise<WebviewToHost> {
    let found: WebviewToHost | undefined;
    await eventually(async () => {
      found = (await this.posted()).find(predicate);
      if (!found) throw new Error(`no posted message matched; posted: ${JSON.stringify(await this.posted()).slice(0, 500)}`);
    }, timeoutMs);
    return found as WebviewToHost;
  }

  async cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __harness: { violations: string[] } }).__harness.violations);
  }

  /** What the webview last saved with setState. */
  async savedState(): Promise<unknown> {
    return this.page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? 'null') as unknown, STATE_KEY);
  }

  /** Like VS Code recreating a hidden view: the page reloads and only getState survives. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForPosted((m) => m.method === 'ready', READY_TIMEOUT_MS);
  }

  /** Sets the body class and the --vscode-* variables VS Code sets for a theme of that kind. */
  async setTheme(kind: ThemeKind): Promise<void> {
    const bodyClass = { light: 'vscode-light', dark: 'vscode-dark', 'high-contrast': 'vscode-high-contrast' }[kind];
    await this.page.evaluate(
      ([cls, vars]) => {
        const style = document.documentElement.style;
        for (const name of Array.from(style)) if (name.startsWith('--vscode-')) style.removeProperty(name);
        for (const [name, value] of Object.entries(vars)) style.setProperty(name, value);
        document.body.className = cls;
        document.body.dataset.vscodeThemeKind = cls;
      },
      [bodyClass, THEMES[kind]] as const,
    );
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/** Retries an assertion until it passes or the time is up (playwright-core has no `expect`). */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

// ---------------------------------------------------------------------------------------------- themes

const FONTS = {
  '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  '--vscode-editor-font-size': '14px',
};

/** The variables the sidebar uses, with the values of VS Code's Dark Modern, Light Modern and Dark High Contrast themes. */
export const THEMES: Record<ThemeKind, Record<string, string>> = {
  dark: {
    ...FONTS,
    '--vscode-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-errorForeground': '#f85149',
    '--vscode-focusBorder': '#0078d4', '--vscode-icon-foreground': '#cccccc', '--vscode-widget-border': '#313131',
    '--vscode-sideBar-background': '#181818', '--vscode-sideBarSectionHeader-border': '#2b2b2b', '--vscode-panel-border': '#2b2b2b',
    '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-editorWidget-background': '#202020',
    '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#026ec1',
    '--vscode-button-border': '#ffffff12', '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-button-secondaryHoverBackground': '#3c3c3c', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc',
    '--vscode-input-border': '#3c3c3c', '--vscode-input-placeholderForeground': '#989898', '--vscode-textLink-foreground': '#4daafc',
    '--vscode-textLink-activeForeground': '#4daafc', '--vscode-textCodeBlock-background': '#2b2b2b', '--vscode-textPreformat-foreground': '#d0d0d0',
    '--vscode-textPreformat-background': '#3c3c3c', '--vscode-textBlockQuote-border': '#616161', '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8', '--vscode-toolbar-hoverBackground': '#5a5d5e50', '--vscode-diffEditor-insertedTextBackground': '#9ccc2c33',
    '--vscode-diffEditor-removedTextBackground': '#ff000033', '--vscode-inputValidation-warningBackground': '#352a05',
    '--vscode-inputValidation-warningBorder': '#b89500', '--vscode-inputValidation-errorBackground': '#5a1d1d',
    '--vscode-inputValidation-errorBorder': '#be1100', '--vscode-editorWarning-foreground': '#cca700', '--vscode-editorInfo-foreground': '#3794ff',
    '--vscode-testing-iconPassed': '#73c991', '--vscode-progressBar-background': '#0078d4', '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-list-inactiveSelectionBackground': '#37373d', '--vscode-inputOption-activeBackground': '#2489db82',
    '--vscode-inputOption-activeBorder': '#2488db', '--vscode-inputOption-activeForeground': '#ffffff',
    '--vscode-debugTokenExpression-name': '#c586c0', '--vscode-debugTokenExpression-string': '#ce9178',
    '--vscode-debugTokenExpression-number': '#b5cea8', '--vscode-debugTokenExpression-boolean': '#4e94ce',
    '--vscode-symbolIcon-functionForeground': '#b180d7', '--vscode-symbolIcon-classForeground': '#ee9d28',
    '--vscode-symbolIcon-variableForeground': '#75beff', '--vscode-gitDecoration-addedResourceForeground': '#81b88b',
    '--vscode-gitDecoration-deletedResourceForeground': '#c74e39', '--vscode-gitDecoration-modifiedResourceForeground': '#e2c08d',
    '--vscode-terminal-foreground': '#cccccc', '--vscode-terminal-background': '#181818', '--vscode-editorCursor-foreground': '#aeafad',
  },
  light: {
    ...FONTS,
    '--vscode-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#717171', '--vscode-errorForeground': '#f85149',
    '--vscode-focusBorder': '#005fb8', '--vscode-icon-foreground': '#3b3b3b', '--vscode-widget-border': '#e5e5e5',
    '--vscode-sideBar-background': '#f8f8f8', '--vscode-sideBarSectionHeader-border': '#e5e5e5', '--vscode-panel-border': '#e5e5e5',
    '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#0258a8',
    '--vscode-button-border': '#0000001a', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b',
    '--vscode-input-border': '#cecece', '--vscode-input-placeholderForeground': '#767676', '--vscode-textLink-foreground': '#005fb8',
    '--vscode-textLink-activeForeground': '#005fb8', '--vscode-textCodeBlock-background': '#dcdcdc66', '--vscode-textPreformat-foreground': '#3b3b3b',
    '--vscode-textPreformat-background': '#0000001f', '--vscode-textBlockQuote-border': '#e5e5e5', '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b', '--vscode-toolbar-hoverBackground': '#b8b8b850', '--vscode-diffEditor-insertedTextBackground': '#9ccc2c40',
    '--vscode-diffEditor-removedTextBackground': '#ff000033', '--vscode-inputValidation-warningBackground': '#f6f5d2',
    '--vscode-inputValidation-warningBorder': '#b89500', '--vscode-inputValidation-errorBackground': '#f2dede',
    '--vscode-inputValidation-errorBorder': '#be1100', '--vscode-editorWarning-foreground': '#bf8803', '--vscode-editorInfo-foreground': '#1a85ff',
    '--vscode-testing-iconPassed': '#388a34', '--vscode-progressBar-background': '#005fb8', '--vscode-list-hoverBackground': '#f2f2f2',
    '--vscode-list-inactiveSelectionBackground': '#e4e6f1', '--vscode-inputOption-activeBackground': '#bed6ed',
    '--vscode-inputOption-activeBorder': '#005fb8', '--vscode-inputOption-activeForeground': '#000000',
    '--vscode-debugTokenExpression-name': '#9b46b0', '--vscode-debugTokenExpression-string': '#a31515',
    '--vscode-debugTokenExpression-number': '#098658', '--vscode-debugTokenExpression-boolean': '#0000ff',
    '--vscode-symbolIcon-functionForeground': '#652d90', '--vscode-symbolIcon-classForeground': '#d67e00',
    '--vscode-symbolIcon-variableForeground': '#007acc', '--vscode-gitDecoration-addedResourceForeground': '#587c0c',
    '--vscode-gitDecoration-deletedResourceForeground': '#ad0707', '--vscode-gitDecoration-modifiedResourceForeground': '#895503',
    '--vscode-terminal-foreground': '#3b3b3b', '--vscode-terminal-background': '#ffffff', '--vscode-editorCursor-foreground': '#000000',
  },
  // Dark High Contrast defines no button, diff or hover backgrounds: borders and outlines carry everything.
  'high-contrast': {
    ...FONTS,
    '--vscode-foreground': '#ffffff', '--vscode-descriptionForeground': '#ffffffb3', '--vscode-errorForeground': '#f48771',
    '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df', '--vscode-contrastActiveBorder': '#f38518',
    '--vscode-icon-foreground': '#ffffff', '--vscode-widget-border': '#6fc3df', '--vscode-sideBar-background': '#000000',
    '--vscode-panel-border': '#6fc3df', '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff',
    '--vscode-editorWidget-background': '#0c141f', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df',
    '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df',
    '--vscode-input-placeholderForeground': '#ffffffb3', '--vscode-textLink-foreground': '#21a6ff', '--vscode-textLink-activeForeground': '#21a6ff',
    '--vscode-textCodeBlock-background': '#000000', '--vscode-textPreformat-foreground': '#ffffff', '--vscode-textBlockQuote-border': '#ffffff',
    '--vscode-badge-background': '#000000', '--vscode-badge-foreground': '#ffffff', '--vscode-toolbar-hoverOutline': '#f38518',
    '--vscode-diffEditor-insertedTextBorder': '#33ff2eff', '--vscode-diffEditor-removedTextBorder': '#ff008f',
    '--vscode-inputValidation-warningBackground': '#000000', '--vscode-inputValidation-warningBorder': '#6fc3df',
    '--vscode-inputValidation-errorBackground': '#000000', '--vscode-inputValidation-errorBorder': '#6fc3df',
    '--vscode-editorWarning-foreground': '#fff000', '--vscode-editorInfo-foreground': '#3794ff', '--vscode-testing-iconPassed': '#73c991',
    '--vscode-progressBar-background': '#6fc3df', '--vscode-inputOption-activeBorder': '#6fc3df', '--vscode-inputOption-activeForeground': '#ffffff',
    '--vscode-debugTokenExpression-name': '#ffffff', '--vscode-debugTokenExpression-string': '#f48771',
    '--vscode-debugTokenExpression-number': '#75bdfe', '--vscode-debugTokenExpression-boolean': '#75bdfe',
    '--vscode-symbolIcon-functionForeground': '#b180d7', '--vscode-symbolIcon-classForeground': '#ee9d28',
    '--vscode-symbolIcon-variableForeground': '#75beff', '--vscode-gitDecoration-addedResourceForeground': '#a1e3ad',
    '--vscode-gitDecoration-deletedResourceForeground': '#c74e39', '--vscode-gitDecoration-modifiedResourceForeground': '#e2c08d',
    '--vscode-terminal-foreground': '#ffffff', '--vscode-terminal-background': '#000000', '--vscode-editorCursor-foreground': '#ffffff',
  },
};
