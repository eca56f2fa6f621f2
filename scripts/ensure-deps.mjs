// Installs the npm dependencies when a fresh clone has none yet, so `npm start` and `npm test` work as the
// first command after `git clone`. npm writes node_modules/.package-lock.json at the end of a complete
// install; without it (no install, or an interrupted one) `npm ci` runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function ensureDeps(root) {
  if (fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) return;
  console.log('\n[crosswind] installing npm dependencies (npm ci)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[crosswind] npm ci failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}
