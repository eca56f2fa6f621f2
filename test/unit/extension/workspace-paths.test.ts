import assert from 'node:assert/strict';
import path from 'node:path';
import { absoluteInFolders, insideWorkspace, workspacePathIn } from '../../../src/extension/sidebar/workspace-paths';

describe('paths a webview names', () => {
  const root = path.resolve('/work/ws');
  it('resolves paths inside the workspace, relative or absolute', () => {
    assert.equal(insideWorkspace(root, 'src/a.ts'), path.join(root, 'src/a.ts'));
    assert.equal(insideWorkspace(root, './src/../src/a.ts'), path.join(root, 'src/a.ts'));
    assert.equal(insideWorkspace(root, path.join(root, 'b.md')), path.join(root, 'b.md'));
  });
  it('refuses anything outside it', () => {
    for (const p of ['../x', '../../etc/passwd', '/etc/passwd', 'src/../../x', '', 'a\0b']) assert.equal(insideWorkspace(root, p), undefined, p);
  });
});

describe('engine paths and files of a multi-root workspace, as the editor maps them', () => {
  const api = path.resolve('/work/api');
  const web = path.resolve('/work/web');
  const web2 = path.resolve('/other/web');
  const folders = [
    { name: 'api', root: api },
    { name: 'web', root: web },
    { name: 'web-2', root: web2 },
  ];
  it('maps name/rest to the folder of that name, the second and third folders included', () => {
    assert.equal(absoluteInFolders(folders, 'web/src/a.ts'), path.join(web, 'src/a.ts'));
    assert.equal(absoluteInFolders(folders, 'web-2/src/a.ts'), path.join(web2, 'src/a.ts'));
    assert.equal(absoluteInFolders(folders, 'api'), api);
    assert.equal(absoluteInFolders(folders, path.join(web2, 'x.md')), path.join(web2, 'x.md'));
  });
  it('refuses a path naming no folder, leaving its folder, or absolute outside every folder', () => {
    for (const p of ['src/a.ts', 'web/../../etc/passwd', '../api/x', '/etc/passwd', path.resolve('/work/other/x'), '']) assert.equal(absoluteInFolders(folders, p), undefined, p);
  });
  it('names a file by its folder, and keeps one folder without a prefix', () => {
    assert.equal(workspacePathIn(folders, path.join(web2, 'src', 'a.ts')), 'web-2/src/a.ts');
    assert.equal(workspacePathIn(folders, path.join(api, 'README.md')), 'api/README.md');
    assert.equal(workspacePathIn(folders, path.resolve('/elsewhere/x')), undefined);
    assert.equal(workspacePathIn([{ name: 'api', root: api }], path.join(api, 'src', 'a.ts')), 'src/a.ts');
    assert.equal(absoluteInFolders([{ name: 'api', root: api }], 'src/a.ts'), path.join(api, 'src/a.ts'));
  });
});
