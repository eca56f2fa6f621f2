// Size of the packaged VSIX (what users download), built with `npm run package`. Baseline in the same
// run: the size of its largest part, the engine bundle, to show what dominates. Target < 3 MB.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'ignore' });
const vsix = path.join(ROOT, `crosswind-${pkg.version}.vsix`);
const bytes = fs.statSync(vsix).size;
const parts = ['extension.js', 'extension-services.js', 'server.js', 'cli.js', 'webview.js'].map((f) => ({ f, bytes: fs.statSync(path.join(ROOT, 'dist', f)).size }));
console.log(
  JSON.stringify({
    bench: 'vsix.size',
    bytes,
    mb: Number((bytes / 1024 / 1024).toFixed(2)),
    uncompressedParts: Object.fromEntries(parts.map((p) => [p.f, p.bytes])),
    baselineServerBundleBytes: parts.find((p) => p.f === 'server.js')!.bytes,
    target: 'mb < 3',
    pass: bytes < 3 * 1024 * 1024,
  }),
);
