// The compiler's half of the layering (scripts/eslint-layering.mjs is the lint half): the pure layers —
// those with no Node built-ins — map every package they may not import to types/layer-forbidden.d.ts in
// their tsconfig `paths`, so such an import does not compile. The deny-lists are not written by hand:
// they are every runtime dependency of package.json (and vscode) less what the layer may import (LAYERS)
// and less zod wherever the protocol's schemas reach (their declarations import it). This script
// writes them; test/unit/architecture checks the tsconfigs hold exactly what it would write.
//   node scripts/layer-tsconfigs.mjs --write
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYERS } from './eslint-layering.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FORBIDDEN = 'types/layer-forbidden.d.ts';

/** Layers that run without Node: their tsconfig has `types: []` and a deny-list. */
export const PURE_LAYERS = Object.keys(LAYERS).filter((l) => !LAYERS[l].node);

/** Packages no pure layer imports that are not in package.json's dependencies (the VS Code API). */
const ALWAYS_DENIED = ['vscode'];

export function runtimeDependencies(root = ROOT) {
  return Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies ?? {});
}

/** What a pure layer's program must resolve: its own packages, and zod where the protocol's types reach. */
export function resolvablePackages(layer) {
  const rules = LAYERS[layer];
  const protocolTypes = rules.folders.some((f) => f === 'src/protocol' || f === 'src/shared');
  return [...new Set([...rules.packages.map((p) => p.replace(/\/$/, '')), ...(protocolTypes ? ['zod'] : [])])];
}

/**
 * Every runtime dependency (and vscode) the layer may not import, plus the npm scope of each scoped one
 * ("@aws-sdk/*"), which also stops the scope's packages that come in only as dependencies of dependencies.
 */
export function deniedPackages(layer, root = ROOT) {
  const allowed = new Set(resolvablePackages(layer));
  const denied = [...new Set([...ALWAYS_DENIED, ...runtimeDependencies(root)])].filter((p) => !allowed.has(p));
  const scopes = denied.filter((p) => p.startsWith('@')).map((p) => p.split('/')[0]);
  const openScopes = new Set([...allowed].filter((p) => p.startsWith('@')).map((p) => p.split('/')[0]));
  return { packages: denied.sort(), scopes: [...new Set(scopes)].filter((s) => !openScopes.has(s)).sort() };
}

/** The `paths` a pure layer's tsconfig holds: each denied package and its subpaths → layer-forbidden.d.ts. */
export function denyPaths(layer, root = ROOT) {
  const target = path.relative(path.join(root, layer), path.join(root, FORBIDDEN)).split(path.sep).join('/');
  const { packages, scopes } = deniedPackages(layer, root);
  const paths = {};
  for (const s of scopes) paths[`${s}/*`] = [target];
  for (const p of packages) {
    paths[p] = [target];
    paths[`${p}/*`] = [target];
  }
  return paths;
}

export function tsconfigPath(layer, root = ROOT) {
  return path.join(root, layer, 'tsconfig.json');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  let stale = 0;
  for (const layer of PURE_LAYERS) {
    const file = tsconfigPath(layer);
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    const paths = denyPaths(layer);
    if (JSON.stringify(config.compilerOptions.paths) === JSON.stringify(paths)) continue;
    stale++;
    if (write) {
      config.compilerOptions.paths = paths;
      fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
      console.log(`wrote ${path.relative(ROOT, file)}`);
    } else console.log(`${path.relative(ROOT, file)}: deny-list out of date (node scripts/layer-tsconfigs.mjs --write)`);
  }
  process.exitCode = stale && !write ? 1 : 0;
}
