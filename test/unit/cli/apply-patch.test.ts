// `crosswind apply-patch` as a user runs it: a real process, a real folder, exit codes, output, and the
// tree left exactly as it was when anything fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../../..');
const cli = path.join(repo, 'src/cli/cli.ts');
const tsx = require.resolve('tsx');

function run(args: string[], options: { cwd: string; input?: string }) {
  const r = spawnSync(process.execPath, ['--import', tsx, cli, 'apply-patch', ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, rel);
    out[rel.split(path.sep).join('/')] = fs.statSync(full).isDirectory() ? '<dir>' : fs.readFileSync(full, 'utf8');
  }
  return out;
}

describe('cli: crosswind apply-patch', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const d = folder(files);
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('applies a patch from standard input in the current directory and prints Codex summary', () => {
    const dir = make({ 'a.txt': 'one\ntwo\n', 'old.txt': 'bye\n' });
    const patch = '*** Begin Patch\n*** Add File: sub/new.txt\n+hello\n*** Update File: a.txt\n@@\n one\n-two\n+TWO\n*** Delete File: old.txt\n*** End Patch\n';
    const r = run([], { cwd: dir, input: patch });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'Success. Updated the following files:\nA sub/new.txt\nM a.txt\nD old.txt\n');
    assert.equal(r.status, 0);
    assert.deepEqual(contents(dir), { 'a.txt': 'one\nTWO\n', sub: '<dir>', 'sub/new.txt': 'hello\n' });
  });

  it('takes the patch as an argument and the folder from --cwd', () => {
    const dir = make({ 'f.txt': 'x\r\ny\r\n' });
    const r = run(['--cwd', dir, '*** Begin Patch\n*** Update File: f.txt\n@@\n-y\n+Y\n*** End Patch'], { cwd: os.tmpdir() });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'f.txt'), 'utf8'), 'x\r\nY\r\n');
  });

  it('fails with exit 1, says which file and chunk failed, and leaves the tree exactly as it was', () => {
    const dir = make({ 'a.txt': 'a\n', 'b.txt': 'one\ntwo\n' });
    const before = contents(dir);
    const patch = '*** Begin Patch\n*** Add File: created.txt\n+hello\n*** Update File: a.txt\n@@\n-a\n+A\n*** Update File: b.txt\n@@\n-one\n+ONE\n@@\n-three\n+THREE\n*** End Patch';
    const r = run([], { cwd: dir, input: patch });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.startsWith('Failed to find expected lines in b.txt:\nthree\n'), r.stderr);
    assert.match(r.stderr, /chunk 2 of 2, patch line 12/);
    assert.deepEqual(contents(dir), before);
  });

  it('refuses a path outside the folder and writes nothing', () => {
    const dir = make({ 'a.txt': 'a\n' });
    const before = contents(dir);
    const r = run([], { cwd: dir, input: '*** Begin Patch\n*** Add File: ok.txt\n+ok\n*** Add File: ../escape.txt\n+x\n*** End Patch' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^Path '\.\.\/escape\.txt' is outside the workspace/);
    assert.deepEqual(contents(dir), before);
    assert.equal(fs.existsSync(path.join(dir, '..', 'escape.txt')), false);
  });

  it('says, when the input is neither a Codex patch nor a diff, that unified diffs are accepted too', () => {
    const dir = make({ 'a.txt': 'a\n' });
    const r = run([], { cwd: dir, input: 'change a.txt to say A\n' });
    assert.equal(r.status, 1);
    const [first, second] = r.stderr.split('\n');
    assert.equal(first, "Invalid patch: The first line of the patch must be '*** Begin Patch'", 'the first line stays Codex\'s');
    assert.match(second ?? '', /unified diff is accepted too, as `git diff`/);
    assert.deepEqual(contents(dir), { 'a.txt': 'a\n' });
  });

  it('--cwd naming no folder is a bad argument: exit 2', () => {
    const r = run(['--cwd', 'nope'], { cwd: os.tmpdir(), input: '*** Begin Patch\n*** Add File: x.txt\n+x\n*** End Patch' });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim(), `crosswind apply-patch: --cwd nope: no such directory (${path.join(fs.realpathSync(os.tmpdir()), 'nope')})`);
  });

  it('exits 2 with the usage on a bad option', () => {
    const r = run(['--frobnicate'], { cwd: os.tmpdir() });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option '--frobnicate'[\s\S]*Usage: crosswind apply-patch/);
  });
});
