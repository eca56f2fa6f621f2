import assert from 'node:assert/strict';
import { parseFileRef } from '../../../media/markdown/enhance';

describe('sidebar file links', () => {
  it('reads the line from path:line, path:line:col and path#Lline references', () => {
    assert.deepEqual(parseFileRef('src/parser.ts:42'), { path: 'src/parser.ts', line: 42 });
    assert.deepEqual(parseFileRef('src/parser.ts:42:7'), { path: 'src/parser.ts', line: 42 });
    assert.deepEqual(parseFileRef('src/lexer.ts#L10'), { path: 'src/lexer.ts', line: 10 });
    assert.deepEqual(parseFileRef('src/lexer.ts#L10-L20'), { path: 'src/lexer.ts', line: 10 });
  });

  it('keeps a path without a usable line whole', () => {
    assert.deepEqual(parseFileRef('README.md'), { path: 'README.md' });
    assert.deepEqual(parseFileRef('src/a.ts:0'), { path: 'src/a.ts:0' });
  });
});
