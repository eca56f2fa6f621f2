// `crosswind exec --add-dir`: a multi-root workspace from the terminal. The scripted model reads and
// patches a file of the second folder by its folder-prefixed path, is told the folders in its system
// prompt, and a full-auto command in the bubblewrap sandbox writes in both folders and nowhere else.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AttackLab, bubblewrapWorks } from '../../support/exec-attack';
import { runCli } from './run-cli';

const UTIL = 'export function twice(n) {\n  return n * 2;\n}\n';
const PATCH = ['*** Begin Patch', '*** Update File: lib/util.js', '@@', '-  return n * 2;', '+  return n + n;', '*** End Patch'].join('\n');

interface ToolItem {
  type: string;
  status?: string;
  output?: string;
  patch?: { status: string; files: { path: string }[] };
}

describe('crosswind exec --add-dir: a multi-root workspace', function () {
  this.timeout(120_000);
  let lab: AttackLab;
  let lib: string;

  beforeEach(async () => {
    lab = await AttackLab.start();
    lib = path.join(lab.dir, 'lib');
    fs.mkdirSync(lib);
    fs.writeFileSync(path.join(lib, 'util.js'), UTIL);
    fs.writeFileSync(path.join(lab.repo, 'main.js'), "import { twice } from '../lib/util.js';\n");
  });

  it("each folder's instructions apply to its files: AGENTS.md in the system prompt, applyTo relative to the folder", async () => {
    fs.writeFileSync(path.join(lib, 'AGENTS.md'), 'LIB-RULE: keep functions pure.\n');
    fs.writeFileSync(path.join(lab.repo, 'AGENTS.md'), 'REPO-RULE: use tabs.\n');
    fs.mkdirSync(path.join(lib, '.github', 'instructions'), { recursive: true });
    fs.writeFileSync(path.join(lib, '.github', 'instructions', 'js.instructions.md'), '---\napplyTo: "*.js"\n---\nLIB-JS-RULE: no semicolons.\n');
    lab.cloud.script([
      { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'repo/main.js' }, callId: 'r1' }] },
      { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'lib/util.js' }, callId: 'r2' }] },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const run = await lab.exec(['--add-dir', lib, 'Look around']);
    assert.equal(run.code, 0, run.stderr);
    const first = JSON.stringify(lab.cloud.requests[0]!.raw);
    assert.ok(first.includes('LIB-RULE') && first.includes('REPO-RULE'), 'both folders\' AGENTS.md are in the system prompt');
    assert.match(first, /lib\/AGENTS\.md \(applies to files under lib\/\)/);
    // The applyTo "*.js" of lib's instructions is relative to lib: not given for repo/main.js, given for lib/util.js.
    assert.ok(!JSON.stringify(lab.cloud.requests[1]!.raw).includes('LIB-JS-RULE'), 'not applied to the other folder');
    assert.ok(JSON.stringify(lab.cloud.requests[2]!.raw).includes('LIB-JS-RULE'), 'applied to a file at the root of its folder');
  });
  afterEach(() => lab?.close());

  it('the model reads a file of the second folder and patches it there; the prompt names both folders', async () => {
    lab.cloud.script([
      { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'lib/util.js' }, callId: 'read' }] },
      { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'util.js' }, callId: 'bare' }] },
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH }, callId: 'patch' }] },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const run = await lab.exec(['--approval', 'auto-edit', '--add-dir', lib, 'Make twice add']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(fs.readFileSync(path.join(lib, 'util.js'), 'utf8'), UTIL.replace('n * 2', 'n + n'));
    assert.ok(!fs.existsSync(path.join(lab.repo, 'lib')), 'nothing was written in the first folder');
    const patch = run.events.map((e) => e.item as ToolItem | undefined).find((i) => i?.type === 'fileChange' && i.patch?.status === 'applied');
    assert.deepEqual(patch?.patch?.files.map((f) => f.path), ['lib/util.js']);
    // What the model was sent: the folders in the system prompt, the file's text, and a clear refusal of
    // a path that names no folder.
    const second = JSON.stringify(lab.cloud.requests[1]!.raw);
    assert.ok(second.includes(`- repo → ${lab.repo}`) && second.includes(`- lib → ${lib}`), 'the system prompt lists the folders');
    assert.ok(second.includes('return n * 2;'), 'the file of folder 2 was read');
    const third = JSON.stringify(lab.cloud.requests[2]!.raw);
    assert.match(third, /'util\.js' is not a workspace folder; paths start with a folder's name \(repo, lib\)/);
  });

  it('refuses an --add-dir that is not a directory before any request', async () => {
    lab.cloud.script([{ steps: [{ type: 'text', text: 'unused' }] }]);
    const run = await lab.exec(['--add-dir', path.join(lab.dir, 'nope'), 'hello']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--add-dir .*nope: no such directory/);
    assert.equal(lab.cloud.requests.length, 0);
  });

  it('a sandboxed command writes in both folders (workdir names a folder) and not outside them', async function () {
    if (!bubblewrapWorks()) this.skip();
    const outsideFile = path.join(lab.outside, 'planted.txt');
    const shell = (command: string[], callId: string, workdir?: string) => ({
      steps: [{ type: 'toolCall' as const, name: 'shell', input: { command, timeout_ms: 20_000, ...(workdir ? { workdir } : {}) }, callId }],
    });
    lab.cloud.script([
      shell(['sh', '-c', `pwd > in-first.txt && echo from-first > ${path.join(lib, 'from-first.txt')}`], 'c1'),
      shell(['sh', '-c', 'pwd > in-second.txt'], 'c2', 'lib'),
      shell(['sh', '-c', `echo planted > ${outsideFile}`], 'c3', 'lib'),
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const run = await lab.exec(['--approval', 'full-auto', '--add-dir', lib, 'try']);
    assert.equal(run.code, 0, run.stderr);
    const items = AttackLab.commands(run);
    assert.deepEqual(items.map((i) => i.status), ['completed', 'completed', 'failed'], JSON.stringify(items.map((i) => i.output)));
    assert.equal(fs.readFileSync(path.join(lab.repo, 'in-first.txt'), 'utf8').trim(), lab.repo, 'the default workdir is the first folder');
    assert.equal(fs.readFileSync(path.join(lib, 'from-first.txt'), 'utf8'), 'from-first\n');
    assert.equal(fs.readFileSync(path.join(lib, 'in-second.txt'), 'utf8').trim(), lib, "workdir 'lib' runs in the second folder");
    assert.match(items[2]!.output, /Read-only file system/);
    assert.ok(!fs.existsSync(outsideFile), 'a file was written outside the folders');
  });

  it('a checkpoint covers both folders: `crosswind checkpoint restore --add-dir` puts back the files of each', async () => {
    const twoFolders = [
      '*** Begin Patch',
      '*** Update File: lib/util.js',
      '@@',
      '-  return n * 2;',
      '+  return n + n;',
      '*** Add File: repo/added.js',
      '+export const added = 1;',
      '*** End Patch',
    ].join('\n');
    lab.cloud.script([{ steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: twoFolders }, callId: 'p' }] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    const run = await lab.exec(['--approval', 'auto-edit', '--add-dir', lib, 'Change both']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(fs.existsSync(path.join(lab.repo, 'added.js')));
    const cli = (args: string[]) => runCli(['checkpoint', ...args, '--add-dir', lib, '--json'], { env: lab.env, cwd: lab.repo });
    const list = await cli(['list']);
    assert.equal(list.code, 0, list.stderr);
    const [cp] = (JSON.parse(list.stdout) as { checkpoints: { id: string; files: string[] }[] }).checkpoints;
    assert.deepEqual(cp!.files, ['lib/util.js', 'repo/added.js']);
    // Without --add-dir it is another workspace, with no checkpoint of this turn.
    const alone = await runCli(['checkpoint', 'list', '--json'], { env: lab.env, cwd: lab.repo });
    assert.deepEqual((JSON.parse(alone.stdout) as { checkpoints: unknown[] }).checkpoints, []);
    const restore = await cli(['restore', cp!.id]);
    assert.equal(restore.code, 0, restore.stderr);
    assert.equal(fs.readFileSync(path.join(lib, 'util.js'), 'utf8'), UTIL);
    assert.ok(!fs.existsSync(path.join(lab.repo, 'added.js')), 'the file added in the first folder is gone again');
  });

  it("a rule anchored at the root applies at each folder's root: a CI workflow of folder 2 is not patched under auto-edit", async () => {
    const workflow = ['*** Begin Patch', '*** Add File: lib/.github/workflows/ci.yml', '+on: push', '*** End Patch'].join('\n');
    lab.cloud.script([{ steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: workflow }, callId: 'w' }] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    const run = await lab.exec(['--approval', 'auto-edit', '--add-dir', lib, 'Add CI']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!fs.existsSync(path.join(lib, '.github', 'workflows', 'ci.yml')), 'the workflow was written without review');
    assert.match(JSON.stringify(lab.cloud.requests[1]!.raw), /Recorded for review, not applied: It changes files that make code run later[^)]*lib\/\.github\/workflows\/ci\.yml/);
  });
});
