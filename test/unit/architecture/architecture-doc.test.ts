// docs/ARCHITECTURE.md is what a newcomer reads first, so it has to stay true: every file or folder it
// names in backticks must exist (a rename that forgets the document fails here), and nothing in the
// repository may send a reader to a document a clone does not have.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');

/** Backticked spans that look like repository paths (`src/…`, `media/…`, …); placeholders like `<name>` are not paths. */
function namedPaths(text: string): string[] {
  const spans = [...text.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  return [...new Set(spans.filter((s) => /^(src|media|scripts|test|types|bench|docs)(\/|$)/.test(s) && !s.includes('<')))];

}

/** A path may end in a glob (`diff-*.ts`, `ports/*`): it exists when its folder has a matching entry. */
function exists(rel: string): boolean {
  const clean = rel.replace(/\/$/, '');
  if (!clean.includes('*')) return fs.existsSync(path.join(root, clean));
  const dir = path.dirname(clean);
  const pattern = new RegExp('^' + path.basename(clean).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
  return fs.existsSync(path.join(root, dir)) && fs.readdirSync(path.join(root, dir)).some((f) => pattern.test(f));
}

describe('docs/ARCHITECTURE.md', () => {
  it('names only files and folders that exist', () => {
    const named = namedPaths(doc);
    assert.ok(named.length > 40, `expected the document to name the code it describes, found ${named.length} paths`);
    const missing = named.filter((p) => !exists(p));
    assert.deepEqual(missing, [], `docs/ARCHITECTURE.md names paths that do not exist: ${missing.join(', ')}`);
  });

  it('names every layer of the lint table', async () => {
    const { LAYERS } = await import('../../../scripts/eslint-layering.mjs');
    for (const layer of Object.keys(LAYERS)) assert.ok(doc.includes(`\`${layer}\``), `the layer ${layer} is not described`);
  });

  it('the README points at it, and nothing points outside the repository for the design', () => {
    assert.match(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), /docs\/ARCHITECTURE\.md/);
    for (const rel of ['README.md', 'CONTRIBUTING.md', 'eslint.config.mjs', 'scripts/eslint-layering.mjs', 'types/layer-forbidden.d.ts']) {
      const file = path.join(root, rel);
      if (!fs.existsSync(file)) continue;
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /(\.\.\/shared\/|\b)DESIGN\.md/, `${rel} still sends readers to DESIGN.md`);
    }
  });
});
