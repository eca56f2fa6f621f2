// Checkpoints through the real CLI: a `crosswind exec` turn (loopback Bedrock playing the model) patches
// files and runs a sandboxed command that writes, deletes and chmods; `crosswind checkpoint list` shows the
// turn's checkpoint with the files a restore would change; `crosswind checkpoint restore` puts every
// covered file back byte for byte (and its mode), leaves what the checkpoint does not cover, records it in
// the audit log and in the thread, and can itself be undone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AttackLab, bubblewrapWorks } from '../../support/exec-attack';
import { runCli } from '../cli/run-cli';
import { checkpointCli, covered, listed, runTurn, seedRepo } from './scenario';
import { readTree, treeDiff } from './tree';

describe('checkpoints through crosswind exec and crosswind checkpoint', function () {
  this.timeout(120_000);
  let lab: AttackLab;
  before(function () {
    if (!bubblewrapWorks()) this.skip(); // the command part needs the sandbox (full-auto runs commands only there)
  });
  beforeEach(async () => {
    lab = await AttackLab.start();
    seedRepo(lab.repo);
  });
  afterEach(() => lab?.close());

  it('lists the turn, restores every covered file byte for byte, audits it, marks the thread, and can be undone', async () => {
    const before = readTree(lab.repo);
    await runTurn(lab);
    const after = readTree(lab.repo);
    assert.deepEqual(treeDiff(before, after), ['a.txt', 'bin.dat', 'ignored.log', 'keep/old.txt', 'node_modules/dep.js', 'out.bin', 'run.sh', 'src/new.txt']);

    const [cp, ...others] = await listed(lab);
    assert.equal(others.length, 0);
    assert.equal(cp!.kind, 'turn');
    assert.equal(cp!.label, 'Change things');
    assert.deepEqual(cp!.files, ['a.txt', 'bin.dat', 'keep/old.txt', 'out.bin', 'run.sh', 'src/new.txt']);
    assert.ok(cp!.notCovered.some((l) => l.startsWith('node_modules/')), JSON.stringify(cp!.notCovered));

    const human = await checkpointCli(lab, ['list']);
    assert.match(human.stdout, new RegExp(`${cp!.id} .* before “Change things”`));

    const restore = await checkpointCli(lab, ['restore', cp!.id, '--json']);
    assert.equal(restore.code, 0, restore.stderr);
    const result = JSON.parse(restore.stdout) as { changed: { path: string; action: string }[]; beforeRestoreId: string };
    assert.deepEqual(
      result.changed.map((c) => `${c.action} ${c.path}`),
      ['written a.txt', 'written bin.dat', 'created keep/old.txt', 'deleted out.bin', 'created run.sh', 'deleted src/new.txt'],
    );
    const restored = readTree(lab.repo);
    // Every covered file is back, bytes and mode; the ignored file and node_modules keep the command's writes.
    assert.deepEqual(covered(restored), covered(before));
    assert.equal(restored['run.sh']!.mode, 0o755);
    assert.deepEqual(treeDiff(before, restored), ['ignored.log', 'node_modules/dep.js']);
    assert.ok(!fs.readdirSync(lab.repo).some((n) => n.includes('.crosswind-')), 'a temporary file was left in the workspace');

    // Audited, and the chain verifies.
    const show = await runCli(['audit', 'show'], { env: lab.env, cwd: lab.repo });
    assert.match(show.stdout, new RegExp(`restore +restored checkpoint ${cp!.id}: 6 files`));
    assert.equal((await runCli(['audit', 'verify'], { env: lab.env, cwd: lab.repo })).code, 0);

    // The thread: the turn's checkpoint is marked restored, its applied patch stands undone, the model is told.
    const threadFile = path.join(lab.dir, 'state', 'crosswind', 'threads', `${cp!.threadId}.jsonl`);
    const records = fs.readFileSync(threadFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; threadItem?: { type: string; id: string; status?: string; patch?: { status: string } }; item?: { type: string; text?: string } });
    const lastOf = (id: string) => records.filter((r) => r.threadItem?.id === id).at(-1)?.threadItem;
    assert.equal(lastOf(`ckpt_${cp!.turnId}`)?.status, 'restored');
    const patchItem = records.filter((r) => r.threadItem?.type === 'fileChange').at(-1)?.threadItem;
    assert.equal(patchItem?.patch?.status, 'reverted');
    assert.ok(records.some((r) => r.type === 'conversation' && r.item?.type === 'user' && r.item.text?.includes('restored the workspace')), 'the model is not told');

    // Newest first: the checkpoint of the files just before the restore, which undoes it.
    const [undo, turn] = await listed(lab);
    assert.equal(undo!.id, result.beforeRestoreId);
    assert.equal(undo!.kind, 'beforeRestore');
    assert.deepEqual(turn!.files, []);
    const back = await checkpointCli(lab, ['restore', undo!.id]);
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(covered(readTree(lab.repo)), covered(after));
  });

  it('refuses an unknown id and changes nothing', async () => {
    await runTurn(lab);
    const after = readTree(lab.repo);
    const r = await checkpointCli(lab, ['restore', 'ckpt_nope']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No checkpoint 'ckpt_nope'/);
    assert.deepEqual(readTree(lab.repo), after);
  });
});
