// Naming hunks for a reviewer: the declaration a change is in, or the one it adds, from the file's text.
import assert from 'node:assert/strict';
import { hunkScopes, type HunkScope } from '../../../src/patch';
import { STATS_JS, STATS_PATCH, STATS_PATH } from '../../support/review-scenario';
import { applyInMemory } from './support';

/** The scopes of the hunks of a patch that replaces `before` with `after` in `path`. */
async function scopes(path: string, before: string, after: string): Promise<(HunkScope | undefined)[]> {
  const oldLines = before.replace(/\n$/, '').split('\n');
  const newLines = after.replace(/\n$/, '').split('\n');
  // A whole-file replacement as a unified diff: the engine derives the minimal hunks itself.
  const patch = [`--- a/${path}`, `+++ b/${path}`, `@@ -1,${oldLines.length} +1,${newLines.length} @@`, ...oldLines.map((l) => `-${l}`), ...newLines.map((l) => `+${l}`)].join('\n') + '\n';
  const { plan } = await applyInMemory({ [path]: before }, patch);
  return hunkScopes(plan.files[0]!);
}

const within = (name: string): HunkScope => ({ kind: 'within', name });

describe('hunk scopes', () => {
  it('names the review scenario’s hunks: inside mean(), and the range() it adds', async () => {
    const { plan } = await applyInMemory({ [STATS_PATH]: STATS_JS }, STATS_PATCH);
    assert.deepEqual(hunkScopes(plan.files[0]!), [within('function mean(values)'), { kind: 'adds', name: 'function range(values)' }]);
  });

  it('finds the innermost declaration by indentation: a method in a class, not the class', async () => {
    const before = ['class Parser {', '  constructor(text) {', '    this.text = text;', '  }', '', '  next() {', '    return this.text[this.at++];', '  }', '}', ''].join('\n');
    assert.deepEqual(await scopes('parser.js', before, before.replace('this.text[this.at++]', 'this.text[this.at++] ?? null')), [within('next()')]);
  });

  it('reads Python, Go, Rust and arrow functions', async () => {
    const py = ['class Store:', '    def load(self, path):', '        with open(path) as f:', '            return f.read()', ''].join('\n');
    assert.deepEqual(await scopes('store.py', py, py.replace('f.read()', 'f.read().strip()')), [within('def load(self, path)')]);
    const go = ['package main', '', 'func main() {', '\tfmt.Println("hi")', '}', ''].join('\n');
    assert.deepEqual(await scopes('main.go', go, go.replace('"hi"', '"hello"')), [within('func main()')]);
    const rs = ['impl Stack {', '    pub fn pop(&mut self) -> Option<i32> {', '        self.items.pop()', '    }', '}', ''].join('\n');
    assert.deepEqual(await scopes('lib.rs', rs, rs.replace('self.items.pop()', 'self.items.pop().map(|x| x)')), [within('pub fn pop(&mut self) -> Option<i32>')]);
    const ts = ['export const total = (xs: number[]): number => {', '  return xs.reduce((a, b) => a + b, 0);', '};', ''].join('\n');
    assert.deepEqual(await scopes('total.ts', ts, ts.replace(', 0)', ', 0) | 0')), [within('export const total = (xs: number[]): number')]);
  });

  it('takes a brace on its own line as the declaration above it, and steps over an if', async () => {
    const c = ['int main(void)', '{', '    if (ready) {', '        run();', '    }', '    return 0;', '}', ''].join('\n');
    assert.deepEqual(await scopes('main.c', c, c.replace('run();', 'run(1);')), [within('int main(void)')]);
  });

  it('names a changed declaration by itself, and a Markdown change by its heading', async () => {
    const js = ['function add(a, b) {', '  return a + b;', '}', ''].join('\n');
    assert.deepEqual(await scopes('add.js', js, js.replace('function add(a, b) {', 'function add(a, b, c = 0) {')), [within('function add(a, b)')]);
    const md = ['# Tool', '', '## Install', '', 'Run npm install.', '', '## Use', '', 'Run it.', ''].join('\n');
    assert.deepEqual(await scopes('README.md', md, md.replace('Run npm install.', 'Run npm ci.')), [within('## Install')]);
  });

  it('leaves a top-level change that is in nothing and adds nothing unnamed (shown by line)', async () => {
    const js = ['const a = 1;', 'const b = 2;', ''].join('\n');
    assert.deepEqual(await scopes('consts.js', js, js.replace('const b = 2;', 'const b = 3;')), [undefined]);
    // `if (x) {` is not a declaration, and a Python comment is not a heading.
    const py = ['# settings', 'DEBUG = False', ''].join('\n');
    assert.deepEqual(await scopes('settings.py', py, py.replace('False', 'True')), [undefined]);
  });
});
