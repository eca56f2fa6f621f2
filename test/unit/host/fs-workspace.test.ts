// The file-system workspace: confinement (including symlinks), reads, listing, all-or-nothing writes
// with rollback, and content search with and without ripgrep. Everything runs in temporary folders.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PathOutsideWorkspaceError } from '../../../src/core/ports/workspace';
import { FsWorkspace } from '../../../src/host/fs-workspace';
import { nodeTransactionFs, writeAllOrNothing, type TransactionFs } from '../../../src/host/fs-transaction';
import { findRipgrepOnPath } from '../../../src/host/search-ripgrep';

function makeTree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-ws-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

/** Every entry under dir: 'dir' or the file's content, so a test can assert nothing else changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) out[child] = `-> ${fs.readlinkSync(path.join(dir, child))}`;
      else if (e.isDirectory()) {
        out[child] = 'dir';
        walk(child);
      } else out[child] = fs.readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return out;
}

const temps: string[] = [];
function tree(files: Record<string, string | Buffer>): string {
  const root = makeTree(files);
  temps.push(root);
  return root;
}
after(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

describe('host: FsWorkspace confinement', () => {
  it('resolves relative and absolute-inside paths, and refuses .. escapes and absolute paths outside', async () => {
    const root = tree({ 'src/a.ts': 'a' });
    const ws = new FsWorkspace(root, { ripgrepPath: null });
    assert.equal(await ws.resolve('src/../src/a.ts'), 'src/a.ts');
    assert.equal(await ws.resolve(path.join(root, 'src', 'a.ts')), 'src/a.ts');
    assert.equal(await ws.resolve(''), '');
    for (const bad of ['../x', '/etc/passwd', path.join(root, '..', 'x')]) {
      await assert.rejects(ws.resolve(bad), PathOutsideWorkspaceError, bad);
    }
  });

  it('refuses a path through a symlink that leads outside, even when the target does not exist yet', async () => {
    const outside = tree({ 'secret.txt': 'secret' });
    const root = tree({ 'in/ok.txt': 'ok' });
    fs.symlinkSync(outside, path.join(root, 'out-dir'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'secret-link'));
    fs.symlinkSync(path.join(outside, 'not-yet.txt'), path.join(root, 'dangling'));
    fs.symlinkSync(path.join(root, 'in'), path.join(root, 'in-link'));
    const ws = new FsWorkspace(root, { ripgrepPath: null });
    for (const bad of ['out-dir/secret.txt', 'out-dir/new/file.txt', 'secret-link', 'dangling']) {
      await assert.rejects(ws.resolve(bad), PathOutsideWorkspaceError, bad);
      await assert.rejects(ws.read(bad), PathOutsideWorkspaceError, bad);
    }
    assert.equal(await ws.resolve('in-link/ok.txt'), 'in-link/ok.txt');
    const outcome = await ws.write([{ op: 'write', path: 'out-dir/new.txt', text: 'x', bom: false }]);
    assert.equal(outcome.ok, false);
    assert.deepEqual(snapshot(outside), { 'secret.txt': 'secret' });
  });

  it('refuses a WorkspacePath that is not normalised', () => {
    const ws = new FsWorkspace(tree({}), { ripgrepPath: null });
    assert.throws(() => ws.absolute('../x'), PathOutsideWorkspaceError);
    assert.throws(() => ws.absolute('a//b'), PathOutsideWorkspaceError);
  });
});

describe('host: FsWorkspace reads', () => {
  it('reads bytes, missing files, directories; lists a directory sorted', async () => {
    const root = tree({ 'b.txt': 'b', 'a/x.bin': Buffer.from([0, 1, 2]) });
    const ws = new FsWorkspace(root, { ripgrepPath: null });
    assert.deepEqual(await ws.read('a'), { kind: 'directory' });
    assert.deepEqual(await ws.read('nope.txt'), { kind: 'missing' });
    assert.deepEqual(await ws.read('b.txt/below'), { kind: 'missing' });
    const bytes = await ws.read('a/x.bin');
    assert.ok(bytes.kind === 'bytes');
    assert.deepEqual([...bytes.bytes], [0, 1, 2]);
    assert.deepEqual(await ws.listDir(''), [
      { name: 'a', kind: 'directory' },
      { name: 'b.txt', kind: 'file' },
    ]);
  });
});

describe('host: FsWorkspace writes', () => {
  it('writes all files, creating parent folders, keeping a BOM and the file mode', async () => {
    const root = tree({ 'run.sh': 'old' });
    fs.chmodSync(path.join(root, 'run.sh'), 0o755);
    const ws = new FsWorkspace(root, { ripgrepPath: null });
    const outcome = await ws.write([
      { op: 'write', path: 'run.sh', text: 'new', bom: false, expected: 'old' },
      { op: 'write', path: 'deep/er/b.txt', text: 'hé', bom: true, expected: null },
    ]);
    assert.deepEqual(outcome, { ok: true, written: ['run.sh', 'deep/er/b.txt'] });
    assert.equal(fs.readFileSync(path.join(root, 'run.sh'), 'utf8'), 'new');
    assert.equal(fs.statSync(path.join(root, 'run.sh')).mode & 0o777, 0o755);
    assert.deepEqual([...fs.readFileSync(path.join(root, 'deep/er/b.txt'))], [0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9]);
  });

  it('writes nothing when any file no longer holds what was expected, and names it', async () => {
    const root = tree({ 'a.txt': 'a', 'b.txt': 'changed by the user' });
    const before = snapshot(root);
    const ws = new FsWorkspace(root, { ripgrepPath: null });
    const outcome = await ws.write([
      { op: 'write', path: 'a.txt', text: 'A', bom: false, expected: 'a' },
      { op: 'write', path: 'new.txt', text: 'n', bom: false, expected: null },
      { op: 'delete', path: 'b.txt', expected: 'b' },
    ]);
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && outcome.conflicts.length === 1 && outcome.conflicts[0] === 'b.txt');
    assert.deepEqual(snapshot(root), before);
  });

  it('refuses to write or delete a directory, and to create a file where a parent is a file', async () => {
    const root = tree({ 'd/x.txt': 'x', 'f.txt': 'f' });
    const ws = new FsWorkspace(root, { ripgrepPath: null });
    const before = snapshot(root);
    for (const change of [
      { op: 'delete' as const, path: 'd' },
      { op: 'write' as const, path: 'd', text: '', bom: false },
      { op: 'write' as const, path: 'f.txt/inner.txt', text: '', bom: false },
    ]) {
      const outcome = await ws.write([{ op: 'write', path: 'ok.txt', text: 'ok', bom: false }, change]);
      assert.equal(outcome.ok, false, JSON.stringify(change));
    }
    assert.deepEqual(snapshot(root), before);
  });

  it('rolls back every step when a later rename fails: contents restored, deletions undone, new folders removed', async () => {
    const root = tree({ 'a.txt': 'a', 'gone.txt': 'g', 'z.txt': 'z' });
    const before = snapshot(root);
    let renames = 0;
    const failing: TransactionFs = {
      ...nodeTransactionFs,
      rename: async (from, to) => {
        if (++renames === 4) throw new Error('disk full');
        return nodeTransactionFs.rename(from, to);
      },
    };
    const ws = new FsWorkspace(root, { ripgrepPath: null, transactionFs: failing });
    const outcome = await ws.write([
      { op: 'write', path: 'a.txt', text: 'A', bom: false, expected: 'a' },
      { op: 'delete', path: 'gone.txt', expected: 'g' },
      { op: 'write', path: 'new/dir/n.txt', text: 'n', bom: false, expected: null },
      { op: 'write', path: 'z.txt', text: 'Z', bom: false, expected: 'z' },
    ]);
    assert.equal(outcome.ok, false);
    assert.match(!outcome.ok ? outcome.reason : '', /Nothing was written: disk full/);
    assert.deepEqual(snapshot(root), before, 'no temporary file, no new folder, every file as it was');
  });

  it('writes through a symlink that stays inside the workspace to its target', async () => {
    const root = tree({ 'real/t.txt': 'old' });
    fs.symlinkSync(path.join(root, 'real', 't.txt'), path.join(root, 'link.txt'));
    const ws = new FsWorkspace(root, { ripgrepPath: null });
    assert.deepEqual(await ws.write([{ op: 'write', path: 'link.txt', text: 'new', bom: false, expected: 'old' }]), { ok: true, written: ['link.txt'] });
    assert.equal(fs.readFileSync(path.join(root, 'real/t.txt'), 'utf8'), 'new');
    assert.ok(fs.lstatSync(path.join(root, 'link.txt')).isSymbolicLink());
  });

  it('refuses a transaction that names the same file twice', async () => {
    const root = tree({ 'a.txt': 'a' });
    const outcome = await writeAllOrNothing(
      [
        { op: 'write', path: 'a.txt', text: '1', bom: false },
        { op: 'delete', path: 'a.txt' },
      ],
      async (p) => path.join(root, p),
    );
    assert.equal(outcome.ok, false);
    assert.equal(fs.readFileSync(path.join(root, 'a.txt'), 'utf8'), 'a');
  });
});

/** The ripgrep VS Code ships, from the code-server that scripts/ensure-tools.sh installs for the integration tests. */
function vscodeRipgrep(): string | null {
  const tools = process.env.CROSSWIND_TOOLS ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'crosswind-tools');
  const bin = path.join(tools, 'code-server/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep-universal/bin');
  const rg = path.join(bin, `${process.platform}-${process.arch}`, process.platform === 'win32' ? 'rg.exe' : 'rg');
  return fs.existsSync(rg) ? rg : null;
}

describe('host: FsWorkspace search', () => {
  const files = {
    '.gitignore': 'build/\n*.log\n',
    'src/a.ts': 'export const needle = 1;\n',
    'src/b.ts': 'nothing here\n',
    'src/.gitignore': 'secret.ts\n',
    'src/secret.ts': 'needle\n',
    'src/deep/c.md': 'a NEEDLE in caps\n',
    'build/out.js': 'needle\n',
    'debug.log': 'needle\n',
    'node_modules/x/index.js': 'needle\n',
    '.git/config': 'needle\n',
    'img.bin': Buffer.from([0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0x00, 0x01]),
    '.github/workflow.yml': 'needle: true\n',
  };

  function touch(root: string, rel: string, secondsAgo: number): void {
    const t = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(path.join(root, rel), t, t);
  }

  async function check(ripgrepPath: string | null): Promise<void> {
    const root = tree(files);
    touch(root, 'src/a.ts', 300);
    touch(root, '.github/workflow.yml', 200);
    touch(root, 'src/deep/c.md', 100);
    const ws = new FsWorkspace(root, { ripgrepPath });
    assert.deepEqual(await ws.search({ pattern: 'needle', path: '', limit: 10 }), { files: ['.github/workflow.yml', 'src/a.ts'], truncated: false });
    assert.deepEqual(await ws.search({ pattern: '(?i)needle', path: 'src', limit: 10 }), { files: ['src/deep/c.md', 'src/a.ts'], truncated: false });
    assert.deepEqual(await ws.search({ pattern: '(?i)needle', path: '', limit: 1 }), { files: ['src/deep/c.md'], truncated: true });
    assert.deepEqual(await ws.search({ pattern: 'needle', include: '*.ts', path: '', limit: 10 }), { files: ['src/a.ts'], truncated: false });
    assert.deepEqual(await ws.search({ pattern: '^export', path: '', limit: 10 }), { files: ['src/a.ts'], truncated: false });
  }

  it('finds matching files newest first, honouring .gitignore, skipping .git, node_modules and binaries (JavaScript walker)', async () => {
    await check(null);
  });

  it('gives the same answers with ripgrep', async function () {
    const rg = process.env.CROSSWIND_RIPGREP ?? (await findRipgrepOnPath()) ?? vscodeRipgrep();
    if (!rg) {
      console.log('    ripgrep: SKIPPED — no rg on PATH or in the crosswind-tools cache (set CROSSWIND_RIPGREP to one)');
      this.skip();
    }
    execFileSync(rg as string, ['--version']);
    await check(rg as string);
  });

  it('stops when cancelled', async () => {
    const ws = new FsWorkspace(tree(files), { ripgrepPath: null });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(ws.search({ pattern: 'needle', path: '', limit: 10, signal: controller.signal }));
  });
});
