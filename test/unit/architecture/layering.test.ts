// The layering cannot be bypassed: the lint rule names layers from the repository root wherever eslint
// runs (run from src/core it once let a vscode import through), and the pure layers' tsconfigs deny every
// runtime dependency they may not import, so the compiler stops what lint would.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { LAYERS } from '../../../scripts/eslint-layering.mjs';
import { denyPaths, PURE_LAYERS, resolvablePackages, ROOT, runtimeDependencies, tsconfigPath } from '../../../scripts/layer-tsconfigs.mjs';

const BAD_CORE_FILE = "import * as vscode from 'vscode';\nexport const window = vscode.window;\n";
const EXPECTED = [`crosswind/layering: src/core may not import the package 'vscode'; allowed: none`];

/** Lints text as the file `file`, with eslint started in `cwd`: the layering rule only, no type information. */
async function layeringErrors(cwd: string, file: string, text: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd,
    ruleFilter: ({ ruleId }) => ruleId === 'crosswind/layering',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  });
  const [result] = await eslint.lintText(text, { filePath: file });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint rule', function () {
  this.timeout(120_000);
  const file = path.join(ROOT, 'src/core/layering-probe.ts');

  it('refuses a vscode import in src/core when eslint runs from the repository root', async () => {
    assert.deepEqual(await layeringErrors(ROOT, file, BAD_CORE_FILE), EXPECTED);
  });

  it('refuses the same import when eslint runs from src/core itself', async () => {
    assert.deepEqual(await layeringErrors(path.join(ROOT, 'src/core'), file, BAD_CORE_FILE), EXPECTED);
  });
});

describe('tsconfig deny-lists of the pure layers', () => {
  const forbidden = path.join(ROOT, 'types/layer-forbidden.d.ts');
  type Tsconfig = { compilerOptions: { types?: string[]; paths?: Record<string, string[]> } };
  const read = (layer: string) => JSON.parse(fs.readFileSync(tsconfigPath(layer), 'utf8')) as Tsconfig;

  it('covers the layers that run without Node', () => {
    assert.deepEqual([...PURE_LAYERS].sort(), ['media', 'src/core', 'src/patch', 'src/protocol', 'src/shared']);
  });

  for (const layer of PURE_LAYERS) {
    it(`${layer}: vscode and every runtime dependency it may not import resolve to layer-forbidden.d.ts`, () => {
      const config = read(layer);
      assert.deepEqual(config.compilerOptions.types, [], `${layer} compiles without Node or other global types`);
      const paths = config.compilerOptions.paths ?? {};
      // Allowed: what the layering table gives the layer, and zod where the protocol's types reach.
      const allowed = new Set(resolvablePackages(layer));
      for (const p of allowed) assert.ok(p === 'zod' || LAYERS[layer]!.packages.some((q) => q.replace(/\/$/, '') === p), `${layer} resolves '${p}'`);
      for (const dep of ['vscode', ...runtimeDependencies()]) {
        if (allowed.has(dep)) continue;
        for (const spec of [dep, `${dep}/*`]) {
          const target = paths[spec]?.[0];
          assert.ok(target, `${layer} can import '${spec}': its tsconfig does not deny it (node scripts/layer-tsconfigs.mjs --write)`);
          assert.equal(path.resolve(ROOT, layer, target), forbidden);
        }
      }
    });

    it(`${layer}: the deny-list is the generated one, not edited by hand`, () => {
      assert.deepEqual(read(layer).compilerOptions.paths, denyPaths(layer));
    });
  }
});
