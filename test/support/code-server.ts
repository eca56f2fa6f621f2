// Starts a real VS Code (code-server, installed by scripts/ensure-tools.sh) on 127.0.0.1 and a headless
// Debian Chromium driven by playwright-core. Used by the integration host (mocha inside the extension
// host) and by the workbench UI tests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export interface Tools {
  node24: string;
  codeServer: string;
  chromium: string;
}

/**
 * Tool paths from the environment (scripts/ensure-tools.sh prints them); when they are not set, that
 * script is run here (it installs what is missing, once), so every entry point works on its own.
 */
export function tools(): Tools {
  if (!process.env.NODE24 || !process.env.CODE_SERVER) {
    const out = execFileSync('bash', [path.join(REPO_ROOT, 'scripts/ensure-tools.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    for (const m of out.matchAll(/^export (\w+)='([^']*)'$/gm)) process.env[m[1]!] = m[2]!;
  }
  const t = { node24: process.env.NODE24 ?? '', codeServer: process.env.CODE_SERVER ?? '', chromium: process.env.CHROMIUM ?? '/usr/bin/chromium' };
  for (const [k, v] of Object.entries(t)) {
    if (!v || !fs.existsSync(v)) throw new Error(`${k} not found (${v || 'unset'}): run \`eval "$(scripts/ensure-tools.sh)"\` first`);
  }
  return t;
}

/**
 * A per-process scratch folder. code-server and its extensions put sockets and caches in TMPDIR and XDG
 * folders; pointing them here keeps the user's home clean. Kept short: unix socket paths max 107 bytes.
 */
export function scratchDir(prefix: string): string {
  const base = process.env.CROSSWIND_E2E_TMP ?? path.join(os.tmpdir(), 'cw-e2e');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, prefix));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.enableExperiments': false,
    'git.enabled': false,
    ...extra,
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

export interface CodeServer {
  proc: ChildProcess;
  port: number;
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  tools: Tools;
  root: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** Needed to load an extension from its folder and run tests inside the extension host. */
  smokeTestDriver?: boolean;
  /** Leave workspace trust on (Restricted Mode tests). */
  workspaceTrust?: boolean;
  env?: Record<string, string>;
  logFile?: string;
  /** A fixed port (npm start); a free one when omitted (tests). */
  port?: number;
}

function xdgEnv(root: string): Record<string, string> {
  return {
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_DATA_HOME: path.join(root, 'data'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    TMPDIR: path.join(root, 'tmp'),
  };
}

/** Runs the code-server CLI once (e.g. --install-extension). */
export function codeServerCli(opts: Pick<CodeServerOptions, 'tools' | 'root'>, args: string[]): string {
  const env = { ...process.env, ...xdgEnv(opts.root) };
  fs.mkdirSync(env.TMPDIR!, { recursive: true });
  return execFileSync(opts.tools.node24, [opts.tools.codeServer, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const port = opts.port ?? (await freePort());
  const env = { ...process.env, ...xdgEnv(opts.root), ...opts.env };
  fs.mkdirSync(env.TMPDIR!, { recursive: true });
  const args = [
    opts.tools.codeServer,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', opts.userDataDir,
    '--extensions-dir', opts.extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    opts.workspace,
  ];
  // detached: its own process group, so stop() also ends the extension host and pty host it forks.
  const proc = spawn(opts.tools.node24, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const logStream = opts.logFile ? fs.createWriteStream(opts.logFile) : undefined;
  let buf = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${buf}`)), 60_000);
    timer.unref();
    const onData = (d: Buffer) => {
      const s = d.toString();
      buf += s;
      logStream?.write(s);
      if (/HTTP server listening on/.test(buf)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${code}):\n${buf}`));
    });
  });
  const stop = async () => {
    const pgid = proc.pid!;
    const alive = () => {
      try {
        process.kill(-pgid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive()) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    logStream?.end();
  };
  return { proc, port, url: `http://127.0.0.1:${port}/`, logs: () => buf, stop };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchChromium(t: Tools, root: string, viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(root, 'chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: t.chromium,
    headless: true,
    viewport,
    // Chromium creates ~/.pki otherwise; the closed network refuses its background connections.
    env: { ...process.env, HOME: userDataDir },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close() };
}

/** `vscode-remote://` URI of a server-side path, as the web workbench addresses it. */
export function remoteUri(cs: CodeServer, p: string): string {
  return `vscode-remote://127.0.0.1:${cs.port}${p}`;
}
