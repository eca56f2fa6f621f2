// A workspace of several folders, as the engine sees a VS Code multi-root workspace or
// `crosswind exec --add-dir`: every path starts with its folder's name, each folder keeps its own
// confinement, search spans the folders, and a patch over two folders is written all or nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PathOutsideWorkspaceError, type Workspace } from '../../../src/core/ports/workspace';
import { FsWorkspace } from '../../../src/host/fs-workspace';
import { folderWorkspace, MultiRootWorkspace } from '../../../src/host/multi-root-workspace';
import { parsePatch, planPatch, planToWrites } from '../../../src/patch';
import { uniqueFolderNames } from '../../../src/shared';

const temps: string[] = [];
function folder(parent: string, name: string, files: Record<string, string>): string {
  const root = path.join(parent, name);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  fs.mkdirSync(root, { recursive: true });
  return root;
}

function text(ws: Workspace, p: string): Promise<string> {
  return ws.read(p).then((r) => {
    assert.equal(r.kind, 'bytes', `${p} is a file`);
    return Buffer.from((r as { bytes: Uint8Array }).bytes).toString('utf8');
  });
}

describe('multi-root workspace', () => {
  let parent: string;
  let api: string;
  let web: string;
  let ws: Workspace;

  beforeEach(() => {
    parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-multi-')));
    temps.push(parent);
    api = folder(parent, 'api', { 'src/index.ts': 'export const api = 1;\n', 'README.md': 'api docs\n' });
    web = folder(parent, 'web', { 'src/app.ts': 'export const web = 1;\n' });
    fs.writeFileSync(path.join(parent, 'outside.txt'), 'secret\n');
    ws = folderWorkspace([
      { name: 'api', root: api },
      { name: 'web', root: web },
    ], { ripgrepPath: null });
  });

  after(() => {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });

  it('reads files of both folders by folder name, and the root lists the folders', async () => {
    assert.equal(await text(ws, 'api/src/index.ts'), 'export const api = 1;\n');
    assert.equal(await text(ws, 'web/src/app.ts'), 'export const web = 1;\n');
    assert.deepEqual(await ws.listDir(''), [
      { name: 'api', kind: 'directory' },
      { name: 'web', kind: 'directory' },
    ]);
    assert.deepEqual((await ws.listDir('web')).map((e) => e.name), ['src']);
    assert.deepEqual(ws.folders, [
      { name: 'api', root: api },
      { name: 'web', root: web },
    ]);
    assert.equal(ws.absolute('web/src/app.ts'), path.join(web, 'src', 'app.ts'));
  });

  it('resolves relative and absolute paths to the folder they are in', async () => {
    assert.equal(await ws.resolve('web/src/app.ts'), 'web/src/app.ts');
    assert.equal(await ws.resolve(path.join(web, 'src', 'app.ts')), 'web/src/app.ts');
    assert.equal(await ws.resolve(api), 'api');
    assert.equal(await ws.resolve('./api/../web/src'), 'web/src');
  });

  it('refuses a path naming no folder, with the folders named', async () => {
    await assert.rejects(ws.resolve('src/index.ts'), (e: Error) => e instanceof PathOutsideWorkspaceError && /'src' is not a workspace folder.*api, web/.test(e.message));
    await assert.rejects(ws.read('lib/x.ts'), (e: Error) => e instanceof PathOutsideWorkspaceError && /api, web/.test(e.message));
  });

  it('refuses ../ and absolute paths outside every folder', async () => {
    await assert.rejects(ws.resolve('../outside.txt'), PathOutsideWorkspaceError);
    await assert.rejects(ws.resolve('api/../../outside.txt'), PathOutsideWorkspaceError);
    await assert.rejects(ws.resolve(path.join(parent, 'outside.txt')), (e: Error) => e instanceof PathOutsideWorkspaceError && /none of the workspace folders/.test(e.message));
    await assert.rejects(ws.resolve('/etc/passwd'), PathOutsideWorkspaceError);
  });

  it('refuses a symlink in one folder that leads out of it, into the other folder or outside both', async () => {
    fs.symlinkSync(path.join(parent, 'outside.txt'), path.join(api, 'leak.txt'));
    fs.symlinkSync(web, path.join(api, 'to-web'));
    await assert.rejects(ws.read('api/leak.txt'), PathOutsideWorkspaceError);
    await assert.rejects(ws.resolve('api/to-web/src/app.ts'), PathOutsideWorkspaceError);
    const outcome = await ws.write([{ op: 'write', path: 'api/leak.txt', text: 'overwritten\n', bom: false }]);
    assert.equal(outcome.ok, false);
    assert.equal(fs.readFileSync(path.join(parent, 'outside.txt'), 'utf8'), 'secret\n');
  });

  it('writes in both folders, and returns the paths with their folder', async () => {
    const outcome = await ws.write([
      { op: 'write', path: 'api/src/new.ts', text: 'a\n', bom: false, expected: null },
      { op: 'write', path: 'web/src/app.ts', text: 'export const web = 2;\n', bom: false, expected: 'export const web = 1;\n' },
    ]);
    assert.deepEqual(outcome, { ok: true, written: ['api/src/new.ts', 'web/src/app.ts'] });
    assert.equal(fs.readFileSync(path.join(api, 'src', 'new.ts'), 'utf8'), 'a\n');
    assert.equal(fs.readFileSync(path.join(web, 'src', 'app.ts'), 'utf8'), 'export const web = 2;\n');
  });

  it('applies a patch over two folders all or nothing: a conflict in one folder writes neither', async () => {
    const patch = parsePatch(
      [
        '*** Begin Patch',
        '*** Update File: api/src/index.ts',
        '@@',
        '-export const api = 1;',
        '+export const api = 2;',
        '*** Update File: web/src/app.ts',
        '@@',
        '-export const web = 1;',
        '+export const web = 2;',
        '*** End Patch',
      ].join('\n'),
    );
    const read = async (p: string) => {
      const r = await ws.read(p);
      return r.kind === 'bytes' ? { kind: 'bytes' as const, bytes: r.bytes } : { kind: r.kind === 'directory' ? ('directory' as const) : ('missing' as const) };
    };
    const plan = await planPatch(patch, read, { root: ws.root, folders: ws.folders });
    assert.deepEqual(plan.files.map((f) => f.path), ['api/src/index.ts', 'web/src/app.ts']);
    // The user saves folder 2's file after the patch was made.
    fs.writeFileSync(path.join(web, 'src', 'app.ts'), 'export const web = 99;\n');
    const outcome = await ws.write(planToWrites(plan));
    assert.equal(outcome.ok, false);
    assert.deepEqual(!outcome.ok && outcome.conflicts, ['web/src/app.ts']);
    assert.equal(fs.readFileSync(path.join(api, 'src', 'index.ts'), 'utf8'), 'export const api = 1;\n', 'folder 1 untouched');
    // Planned again on what is there now, it applies in both.
    fs.writeFileSync(path.join(web, 'src', 'app.ts'), 'export const web = 1;\n');
    const again = await ws.write(planToWrites(await planPatch(patch, read, { root: ws.root, folders: ws.folders })));
    assert.equal(again.ok, true);
    assert.equal(fs.readFileSync(path.join(api, 'src', 'index.ts'), 'utf8'), 'export const api = 2;\n');
    assert.equal(fs.readFileSync(path.join(web, 'src', 'app.ts'), 'utf8'), 'export const web = 2;\n');
  });

  it('maps an absolute patch path to the folder holding it, and refuses one outside every folder', async () => {
    const read = async (p: string) => {
      const r = await ws.read(p);
      return r.kind === 'bytes' ? { kind: 'bytes' as const, bytes: r.bytes } : { kind: 'missing' as const };
    };
    const absolute = (target: string) => parsePatch(['*** Begin Patch', `*** Update File: ${target}`, '@@', '-export const web = 1;', '+export const web = 3;', '*** End Patch'].join('\n'));
    const plan = await planPatch(absolute(path.join(web, 'src', 'app.ts')), read, { root: ws.root, folders: ws.folders });
    assert.deepEqual(plan.files.map((f) => f.path), ['web/src/app.ts']);
    await assert.rejects(planPatch(absolute(path.join(parent, 'outside.txt')), read, { root: ws.root, folders: ws.folders }), /none of the workspace folders/);
  });

  it('refuses a patch path naming no folder before anything is read', async () => {
    const patch = parsePatch(['*** Begin Patch', '*** Add File: src/x.ts', '+x', '*** End Patch'].join('\n'));
    await assert.rejects(planPatch(patch, () => Promise.reject(new Error('not read')), { root: ws.root, folders: ws.folders }), /'src' is not a workspace folder/);
  });

  it('searches every folder from the root, with prefixed paths, and one folder when the path names it', async () => {
    const all = await ws.search({ pattern: 'export const', path: '', limit: 10 });
    assert.deepEqual([...all.files].sort(), ['api/src/index.ts', 'web/src/app.ts']);
    assert.equal(all.truncated, false);
    const one = await ws.search({ pattern: 'export const', path: 'web', limit: 10 });
    assert.deepEqual(one.files, ['web/src/app.ts']);
    const limited = await ws.search({ pattern: 'export const', path: '', limit: 1 });
    assert.equal(limited.files.length, 1);
    assert.equal(limited.truncated, true);
  });

  it('gives two folders of the same name distinct names, in folder order', async () => {
    const other = folder(fs.mkdtempSync(path.join(parent, 'x-')), 'web', { 'other.ts': 'other\n' });
    assert.deepEqual(uniqueFolderNames(['web', 'web', 'api', 'web']), ['web', 'web-2', 'api', 'web-3']);
    assert.deepEqual(uniqueFolderNames(['web', 'web-2']), ['web', 'web-2']);
    const twins = folderWorkspace([
      { name: 'web', root: web },
      { name: 'web', root: other },
    ], { ripgrepPath: null });
    assert.deepEqual(twins.folders.map((f) => f.name), ['web', 'web-2']);
    assert.equal(await text(twins, 'web-2/other.ts'), 'other\n');
    assert.equal((await twins.read('web/other.ts')).kind, 'missing');
  });

  it('keeps a single folder exactly as before: no prefix', async () => {
    const single = folderWorkspace([{ name: 'api', root: api }]);
    assert.ok(single instanceof FsWorkspace);
    assert.equal(await single.resolve('src/index.ts'), 'src/index.ts');
    assert.deepEqual(single.folders, [{ name: '', root: api }]);
    assert.throws(() => new MultiRootWorkspace([{ name: 'api', workspace: new FsWorkspace(api) }]));
  });
});
