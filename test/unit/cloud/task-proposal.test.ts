// A verified cloud task's patch made ready for review (src/host/cloud/task-proposal.ts), on real git
// repositories: the proposal is relative to the workspace folder the editor opened — the repository's top
// or a folder inside it — and never touches the user's files or index; a patch reaching outside that
// folder, or one that conflicts with later changes, is refused naming the files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { proposalForWorkspace } from '../../../src/host/cloud/task-proposal';

/** Far enough apart for a three-way merge to keep both changes (git's merge treats adjacent lines as one change). */
const A = 'one\ntwo\nthree\nfour\nfive\nsix\n';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

describe('cloud task proposals in a workspace folder', () => {
  let repo: string;
  let base: { tree: string };
  /** The task's patch: the base with `files` changed, as crosswind serve makes it (git diff --binary). */
  function taskPatch(files: Record<string, string>): Buffer {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-task-checkout-'));
    try {
      git(repo, 'worktree', 'add', '-q', '--detach', scratch, 'HEAD');
      for (const [p, text] of Object.entries(files)) fs.writeFileSync(path.join(scratch, p), text);
      return execFileSync('git', ['diff', '--binary', 'HEAD'], { cwd: scratch });
    } finally {
      git(repo, 'worktree', 'remove', '--force', scratch);
    }
  }

  beforeEach(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cw-proposal-')));
    git(repo, 'init', '-q', '-b', 'main');
    fs.mkdirSync(path.join(repo, 'app'));
    fs.writeFileSync(path.join(repo, 'app', 'a.txt'), A);
    fs.writeFileSync(path.join(repo, 'root.txt'), 'top\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    base = { tree: git(repo, 'rev-parse', 'HEAD^{tree}').trim() };
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('names the files from the workspace folder inside the repository, and writes nothing', async () => {
    const patch = taskPatch({ 'app/a.txt': A.replace('two', 'TWO') });
    const p = await proposalForWorkspace(repo, path.join(repo, 'app'), patch, base);
    assert.equal(p.kind, 'clean');
    assert.ok(p.kind === 'clean');
    assert.deepEqual(p.files, ['a.txt']);
    assert.match(p.input, /^diff --git a\/a\.txt b\/a\.txt$/m);
    assert.match(p.input, /^-two$/m);
    assert.match(p.input, /^\+TWO$/m);
    assert.equal(fs.readFileSync(path.join(repo, 'app', 'a.txt'), 'utf8'), A);
    assert.equal(git(repo, 'status', '--porcelain'), '', 'the index and files are as they were');
  });

  it('in a multi-root workspace names the files under the folder\'s name, as the engine\'s paths are', async () => {
    const patch = taskPatch({ 'app/a.txt': A.replace('two', 'TWO') });
    const p = await proposalForWorkspace(repo, path.join(repo, 'app'), patch, base, 'web');
    assert.ok(p.kind === 'clean');
    assert.match(p.input, /^diff --git a\/web\/a\.txt b\/web\/a\.txt$/m);
    assert.match(p.input, /^--- a\/web\/a\.txt$/m);
    assert.match(p.input, /^\+\+\+ b\/web\/a\.txt$/m);
  });

  it('merges into a later change elsewhere in the file, and refuses a conflicting one naming the file', async () => {
    const patch = taskPatch({ 'app/a.txt': A.replace('two', 'TWO') });
    fs.writeFileSync(path.join(repo, 'app', 'a.txt'), A.replace('six', 'six!'));
    const merged = await proposalForWorkspace(repo, repo, patch, base);
    assert.ok(merged.kind === 'merged', merged.kind);
    assert.deepEqual(merged.changed, ['app/a.txt']);
    assert.match(merged.input, /^-two$/m);
    assert.doesNotMatch(merged.input, /^-six!$/m, 'the later change is kept, not undone');
    assert.equal(fs.readFileSync(path.join(repo, 'app', 'a.txt'), 'utf8'), A.replace('six', 'six!'));

    fs.writeFileSync(path.join(repo, 'app', 'a.txt'), A.replace('two', 'zwei'));
    const refused = await proposalForWorkspace(repo, repo, patch, base);
    assert.ok(refused.kind === 'refused', refused.kind);
    assert.deepEqual(refused.changed, ['app/a.txt']);
    assert.match(refused.reason, /your changes to app\/a\.txt since the task started conflict/);
    assert.equal(fs.readFileSync(path.join(repo, 'app', 'a.txt'), 'utf8'), A.replace('two', 'zwei'));
  });

  it('refuses a patch that changes files outside the workspace folder', async () => {
    const patch = taskPatch({ 'app/a.txt': A.replace('two', 'TWO'), 'root.txt': 'changed\n' });
    const p = await proposalForWorkspace(repo, path.join(repo, 'app'), patch, base);
    assert.ok(p.kind === 'refused');
    assert.match(p.reason, /outside this workspace folder \(root\.txt\)/);
  });
});
