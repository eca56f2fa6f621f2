// The engine's read and write shapes are declared in src/patch (which cannot import core) and must stay
// structurally compatible with core's ports, so a Workspace plugs straight in. Checked at compile time
// (tsc -b type-checks this file) and once at run time through the file-system Workspace.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileRead, FileWrite, Workspace } from '../../../src/core/ports/workspace';
import { FsWorkspace } from '../../../src/host/fs-workspace';
import { parsePatch, planPatch, planToWrites, type PatchFileRead, type PatchFileWrite, type PatchReader } from '../../../src/patch';

type Holds<T extends true> = T;
export type ReadFitsTheEngine = Holds<FileRead extends PatchFileRead ? true : false>;
export type EngineReadFitsCore = Holds<PatchFileRead extends FileRead ? true : false>;
export type WritesFitTheWorkspace = Holds<PatchFileWrite extends FileWrite ? true : false>;

describe('patch: contracts with core', () => {
  it("takes a Workspace's read as its reader and gives writes the Workspace accepts", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-contract-'));
    try {
      fs.writeFileSync(path.join(root, 'a.txt'), 'a\n');
      const workspace: Workspace = new FsWorkspace(root, { ripgrepPath: null });
      const read: PatchReader = (p) => workspace.read(p);
      const plan = await planPatch(parsePatch('*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** End Patch'), read, { root: workspace.root });
      const writes: FileWrite[] = planToWrites(plan);
      assert.deepEqual(await workspace.write(writes), { ok: true, written: ['a.txt'] });
      assert.equal(fs.readFileSync(path.join(root, 'a.txt'), 'utf8'), 'b\n');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
