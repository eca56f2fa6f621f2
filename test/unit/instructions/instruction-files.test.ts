// Which .instructions.md a file gets: the front matter as VS Code and GitHub write it, and `applyTo`
// globs read from the workspace root.
import assert from 'node:assert/strict';
import { applyToGlobs, parseFrontMatter } from '../../../src/core/instructions/front-matter';
import { appliesTo, foldersDownTo } from '../../../src/core/instructions/instruction-files';

describe('project instruction files', () => {
  it('reads applyTo from the front matter, quoted or not, and keeps only the body as instructions', () => {
    const f = parseFrontMatter('---\r\napplyTo: "**/*.ts, **/*.tsx"\r\ndescription: \'TypeScript\'\r\n---\r\nUse strict types.\n');
    assert.deepEqual(applyToGlobs(f.fields.applyTo), ['**/*.ts', '**/*.tsx']);
    assert.equal(f.fields.description, 'TypeScript');
    assert.equal(f.body, 'Use strict types.\n');
    assert.deepEqual(parseFrontMatter('No front matter\n---\n').fields, {});
  });

  it('matches globs from the workspace root: "**" is every file, a bare "*.py" only the root\'s', () => {
    assert.ok(appliesTo(['**'], 'a/b/c.txt'));
    assert.ok(appliesTo(['**/*.py'], 'tools/build.py'));
    assert.ok(appliesTo(['**/*.py'], 'build.py'));
    assert.ok(appliesTo(['src/**/*.ts'], 'src/api/users.ts'));
    assert.ok(!appliesTo(['src/**/*.ts'], 'test/src/users.ts'));
    assert.ok(appliesTo(['*.py'], 'setup.py'));
    assert.ok(!appliesTo(['*.py'], 'tools/build.py'));
  });

  it('walks the folders from the root down, so the nearest AGENTS.md is read last', () => {
    assert.deepEqual(foldersDownTo('src/api/v1'), ['src', 'src/api', 'src/api/v1']);
    assert.deepEqual(foldersDownTo(''), []);
  });
});
