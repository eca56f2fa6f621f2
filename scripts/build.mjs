// Bundles everything that runs into dist/ with esbuild:
//   dist/extension.js  the VS Code extension (CommonJS, `vscode` external)
//   dist/server.js     the engine process, started by vscode-languageclient
//   dist/cli.js        the `crosswind` command (executable, shebang)
//   dist/webview.js/.css and dist/codicons/  the sidebar
//   dist/tree-sitter.wasm, dist/tree-sitter-bash.wasm  the shell parser the command policy uses
//   dist/undici.js     undici, loaded by server.js and cli.js only when a proxy is configured
// and, unless --production, the integration test bundle into out/test/integration/.
// Flags: --production (minified, no source maps), --watch.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from './bundle-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = path.join(root, 'dist');

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const { common, nodeCommon, nodeWithLazyUndici } = bundleOptions({ root, production, version: pkg.version });

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...nodeCommon,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    // The services bundle is loaded at run time, after activation (see src/extension/extension.ts).
    external: ['vscode', './extension-services.js'],
    // Activation time is measured from the first byte of the bundle, module loading included.
    banner: { js: 'var __crosswindLoadStart = performance.now();' },
  },
  { ...nodeCommon, entryPoints: ['src/extension/services-main.ts'], outfile: 'dist/extension-services.js', external: ['vscode'] },
  { ...nodeWithLazyUndici, entryPoints: ['src/server/server.ts'], outfile: 'dist/server.js' },
  { ...nodeCommon, entryPoints: ['node_modules/undici/index.js'], outfile: 'dist/undici.js' },
  {
    ...nodeWithLazyUndici,
    entryPoints: ['src/cli/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { webview: 'media/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    loader: { '.css': 'css' },
  },
];

if (!production || process.argv.includes('--with-test-entries')) {
  builds.push({
    ...nodeCommon,
    entryPoints: ['test/integration/index.ts', 'test/integration/bench-activation.ts'],
    outdir: 'out/test/integration',
    external: ['vscode', 'mocha'],
    minify: false,
  });
}

function copyCodicons() {
  const from = path.join(root, 'node_modules/@vscode/codicons/dist');
  const to = path.join(dist, 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, f), path.join(to, f));
}

/** The shell parser's WebAssembly (web-tree-sitter's runtime and the bash grammar), beside the bundles that load it. */
function copyShellParser() {
  fs.copyFileSync(path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), path.join(dist, 'tree-sitter.wasm'));
  fs.copyFileSync(path.join(root, 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'), path.join(dist, 'tree-sitter-bash.wasm'));
}

function markExecutable() {
  const cli = path.join(dist, 'cli.js');
  if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
}

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
copyCodicons();
copyShellParser();

if (watch) {
  const contexts = await Promise.all(
    builds.map((b) =>
      esbuild.context({
        ...b,
        plugins: [...(b.plugins ?? []), { name: 'after', setup: (build) => build.onEnd(() => markExecutable()) }],
      }),
    ),
  );
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[build] watching for changes…');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  markExecutable();
  console.log(`[build] ${production ? 'production' : 'development'} build in ${Date.now() - t0} ms`);
}
