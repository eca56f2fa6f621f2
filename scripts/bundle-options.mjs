// The esbuild options of Crosswind's bundles, shared by scripts/build.mjs and the benches that must
// bundle exactly as the product does (bench/cli-exec.bench.ts).
import path from 'node:path';

/**
 * @param {{ root: string; production: boolean; version: string }} o
 */
export function bundleOptions({ root, production, version }) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
    legalComments: production ? 'none' : 'inline',
    absWorkingDir: root,
    define: { CROSSWIND_VERSION: JSON.stringify(version) },
  };

  /**
   * web-tree-sitter's ESM build finds its .wasm through import.meta.url, which a CommonJS bundle does not
   * have: the bundles take its CommonJS build.
   */
  const treeSitterCjs = {
    name: 'web-tree-sitter-cjs',
    setup(build) {
      build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') }));
    },
  };

  const nodeCommon = { ...common, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], plugins: [treeSitterCjs] };

  /**
   * undici is a fifth of the engine's and the CLI's code and only a proxy needs it (providers/openai-wire/
   * http.ts imports it dynamically): those bundles require their sibling dist/undici.js instead, so a run
   * without a proxy does not compile it. (Node's own fetch is undici inside, but does not expose ProxyAgent.)
   */
  const undiciBeside = {
    name: 'undici-beside',
    setup(build) {
      build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
    },
  };
  const nodeWithLazyUndici = { ...nodeCommon, plugins: [treeSitterCjs, undiciBeside] };

  return { common, nodeCommon, nodeWithLazyUndici };
}
