// Property: whatever patch a model sends — valid, mangled, aimed at '..', absolute paths or symlinks
// that lead out — applying it through FsWorkspace either succeeds inside the workspace or fails with a
// PatchError or a refused write, and nothing outside the workspace ever changes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { FsWorkspace } from '../../../src/host/fs-workspace';
import { parsePatch, PatchError, planPatch, planToWrites } from '../../../src/patch';

function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) {
        out.push(`${child}/`);
        walk(child);
      } else out.push(`${child}=${fs.readFileSync(path.join(dir, child), 'utf8')}`);
    }
  };
  walk('');
  return out.join('\n');
}

describe('host: patches never write outside the workspace', () => {
  let base: string;
  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-confine-'));
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('holds for random patches over paths that try to escape', async () => {
    const outside = path.join(base, 'outside');
    const targets = ['a.txt', 'dir/b.txt', 'new/c.txt', 'esc/x.txt', 'esc-file', 'dangling', '../outside/canary.txt', `${outside}/canary.txt`, 'dir/../../outside/n.txt', 'dir\\..\\..\\outside\\w.txt'];
    const op = fc.record({
      kind: fc.constantFrom('add', 'delete', 'update', 'move'),
      path: fc.constantFrom(...targets),
      to: fc.constantFrom(...targets),
      line: fc.constantFrom('a', 'b', 'canary', 'x'),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), async (ops) => {
        const root = path.join(base, `ws${++run}`);
        fs.mkdirSync(path.join(root, 'dir'), { recursive: true });
        fs.mkdirSync(outside, { recursive: true });
        fs.writeFileSync(path.join(outside, 'canary.txt'), 'canary\n');
        fs.writeFileSync(path.join(root, 'a.txt'), 'a\n');
        fs.writeFileSync(path.join(root, 'dir/b.txt'), 'b\n');
        fs.symlinkSync(outside, path.join(root, 'esc'));
        fs.symlinkSync(path.join(outside, 'canary.txt'), path.join(root, 'esc-file'));
        fs.symlinkSync(path.join(outside, 'nothing-yet.txt'), path.join(root, 'dangling'));
        const before = snapshot(outside);
        const lines = ['*** Begin Patch'];
        for (const o of ops) {
          if (o.kind === 'add') lines.push(`*** Add File: ${o.path}`, `+${o.line}`);
          else if (o.kind === 'delete') lines.push(`*** Delete File: ${o.path}`);
          else lines.push(`*** Update File: ${o.path}`, ...(o.kind === 'move' ? [`*** Move to: ${o.to}`] : []), '@@', `-${o.line}`, '+changed');
        }
        lines.push('*** End Patch');
        const ws = new FsWorkspace(root, { ripgrepPath: null });
        try {
          const plan = await planPatch(parsePatch(lines.join('\n')), (p) => ws.read(p), { root: ws.root });
          await ws.write(planToWrites(plan));
        } catch (e) {
          if (!(e instanceof PatchError)) throw e;
        }
        assert.equal(snapshot(outside), before, lines.join('\n'));
        fs.rmSync(root, { recursive: true, force: true });
      }),
      { numRuns: 150 },
    );
  });
});
