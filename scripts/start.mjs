// `npm start`: from a fresh clone to a running Crosswind in a real VS Code, in one command.
//   1. installs the npm dependencies when they are missing;
//   2. installs Node 24 + code-server (and chromium/libkrb5-dev via apt when root) into a cache folder
//      outside the repo (scripts/ensure-tools.sh), once;
//   3. builds and packages the extension (crosswind-<version>.vsix);
//   4. installs it into a code-server on 127.0.0.1 with a sample workspace, and prints the URL.
// Options: --port N (default 8080, or the next free port), --folder DIR (default: the sample workspace,
// copied once into the cache folder so your changes to it survive restarts).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const step = (s) => console.log(`\n[crosswind] ${s}`);
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`[crosswind] ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  return r;
};

ensureDeps(root);

step('making sure Node 24 and code-server are installed (first time: about 4 minutes)');
const tools = spawnSync('bash', [path.join(root, 'scripts/ensure-tools.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (tools.status !== 0) process.exit(tools.status ?? 1);
const env = { ...process.env };
for (const m of tools.stdout.matchAll(/^export (\w+)='([^']*)'$/gm)) env[m[1]] = m[2];

step('building and packaging the extension');
run('npm', ['run', '--silent', 'package']);

step('starting VS Code (code-server)');
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/serve-workbench.ts'), ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
