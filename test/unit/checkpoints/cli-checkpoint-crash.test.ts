// A restore killed half-way (SIGKILL at a fault point after the Nth file is renamed into place, as a power
// cut would leave it): the next `crosswind checkpoint` run finds the journal, removes the killed write's
// temporary files and finishes the restore — the covered files are then exactly as the checkpoint has
// them, never a mix — audits it as finished after a restart, and marks the thread.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AttackLab, bubblewrapWorks } from '../../support/exec-attack';
import { runCli } from '../cli/run-cli';
import { checkpointCli, covered, listed, runTurn, seedRepo } from './scenario';
import { readTree, treeDiff } from './tree';

describe('checkpoints: crosswind checkpoint restore killed mid-way', function () {
  this.timeout(240_000);
  let lab: AttackLab;
  before(function () {
    if (!bubblewrapWorks()) this.skip();
  });
  beforeEach(async () => {
    lab = await AttackLab.start();
    seedRepo(lab.repo);
  });
  afterEach(() => lab?.close());

  it('after the 1st, 3rd and 6th of 6 renames: the next run leaves the files as the checkpoint has them', async () => {
    const before = covered(readTree(lab.repo));
    await runTurn(lab);
    const after = covered(readTree(lab.repo));
    const turn = (await listed(lab))[0]!;
    for (const killAt of [1, 3, 6]) {
      const killed = await checkpointCli(lab, ['restore', turn.id], { CROSSWIND_FAILPOINT: `rename:${killAt}` });
      assert.equal(killed.code, -1, `the restore was not killed: ${killed.stdout}${killed.stderr}`);
      const mid = covered(readTree(lab.repo));
      if (killAt < 6) assert.ok(treeDiff(mid, before).length > 0 && treeDiff(mid, after).length > 0, `after ${killAt} renames the files should be half-way`);
      assert.ok(fs.existsSync(path.join(lab.dir, 'state', 'crosswind', 'checkpoints')), 'no checkpoint store');

      // The next run (any checkpoint command) finishes it.
      const list = await checkpointCli(lab, ['list', '--json']);
      assert.equal(list.code, 0, list.stderr);
      const now = readTree(lab.repo);
      assert.deepEqual(treeDiff(covered(now), before), [], `kill at ${killAt}: not the checkpoint's files`);
      assert.ok(!Object.keys(now).some((p) => p.includes('.crosswind-')), `kill at ${killAt}: a temporary file is left: ${Object.keys(now).join(', ')}`);
      const show = await runCli(['audit', 'show'], { env: lab.env, cwd: lab.repo });
      assert.match(show.stdout, new RegExp(`restore +completedAfterRestart checkpoint ${turn.id}: 6 files`));

      // Undo the restore (the checkpoint of the files just before it) for the next round.
      const undo = (JSON.parse(list.stdout) as { checkpoints: { id: string; kind: string }[] }).checkpoints.find((c) => c.kind === 'beforeRestore')!;
      assert.equal((await checkpointCli(lab, ['restore', undo.id])).code, 0);
      assert.deepEqual(treeDiff(covered(readTree(lab.repo)), after), []);
    }
    assert.equal((await runCli(['audit', 'verify'], { env: lab.env, cwd: lab.repo })).code, 0);
  });
});
