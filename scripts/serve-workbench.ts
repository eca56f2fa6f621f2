// Serves a real VS Code (code-server) on 127.0.0.1 with the packaged Crosswind installed and a folder
// open, until Ctrl-C. Called by scripts/start.mjs once the VSIX is built and the tools are installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { codeServerCli, freePort, REPO_ROOT, startCodeServer, tools, writeUserSettings } from '../test/support/code-server';

async function portOrNext(wanted: number): Promise<number> {
  const net = await import('node:net');
  const free = await new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(wanted, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  return free ? wanted : freePort();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, folder: { type: 'string' } } });
  const t = tools();
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(REPO_ROOT, `crosswind-${pkg.version}.vsix`);
  const base = path.join(process.env.CROSSWIND_TOOLS ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'crosswind-tools'), 'start');
  const userDataDir = path.join(base, 'user');
  const extensionsDir = path.join(base, 'extensions');
  const folder = path.resolve(values.folder ?? path.join(base, 'sample-workspace'));
  if (!values.folder && !fs.existsSync(folder)) fs.cpSync(path.join(REPO_ROOT, 'test/fixtures/workspace'), folder, { recursive: true });
  if (!fs.existsSync(path.join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir, { 'security.workspace.trust.enabled': true });
  codeServerCli({ tools: t, root: base }, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force']);
  const port = await portOrNext(Number(values.port));
  const cs = await startCodeServer({ tools: t, root: base, workspace: folder, userDataDir, extensionsDir, workspaceTrust: true, logFile: path.join(base, 'code-server.log'), port });
  console.log(`\n  Crosswind is running in VS Code: ${cs.url}?folder=${encodeURIComponent(folder)}\n  (Ctrl-C to stop; log: ${path.join(base, 'code-server.log')})\n`);
  const stop = async () => {
    await cs.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  await new Promise<void>((resolve) => cs.proc.once('exit', () => resolve()));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
