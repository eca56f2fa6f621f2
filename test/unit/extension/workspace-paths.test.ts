import assert from 'node:assert/strict';
import path from 'node:path';
import { insideWorkspace } from '../../../src/extension/sidebar/workspace-paths';

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
