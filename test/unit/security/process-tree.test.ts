// Red-team attack 4, first half: a background job started by a command outlived the turn (process
// groups were killed only on timeout) and later rewrote files. Now the whole tree of a command ends when
// the command does: the sandbox's PID namespace, or, without a sandbox, the command's process group.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeShell } from '../../../src/host/node-shell';
import { AttackLab, bubblewrapWorks } from '../../support/exec-attack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('attack: a background job outlives its command', function () {
  this.timeout(120_000);

  it('crosswind exec (sandboxed, full-auto): the job is gone when the command ends, before the turn does', async function () {
    if (!bubblewrapWorks()) this.skip();
    const lab = await AttackLab.start();
    try {
      lab.scriptCommands([['sh', '-c', '(sleep 2; echo late > late.txt) & nohup sh -c "sleep 2; echo later > later.txt" >/dev/null 2>&1 & echo started']]);
      const run = await lab.exec(['--approval', 'full-auto', 'start a job']);
      assert.equal(run.code, 0, run.stderr);
      const [item] = AttackLab.commands(run);
      assert.equal(item!.status, 'completed');
      assert.match(item!.output, /started/);
      await sleep(3000);
      assert.equal(lab.read('late.txt'), undefined, 'the background job ran after the command ended');
      assert.equal(lab.read('later.txt'), undefined, 'the nohup job ran after the command ended');
    } finally {
      await lab.close();
    }
  });

  it('without a sandbox: the command’s process group is ended when it exits, and the call returns at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-tree-'));
    try {
      const shell = new NodeShell({ PATH: process.env.PATH ?? '' }, { sandbox: { sandbox: null, reason: 'test' } });
      const started = Date.now();
      const result = await shell.run({
        command: ['sh', '-c', '(sleep 2; echo late > late.txt) & echo started'],
        cwd: dir,
        workspaceRoots: [dir],
        network: false,
        readOnlyPaths: [],
        timeoutMs: 20_000,
        maxOutputBytes: 4096,
        passCloudCredentials: false,
      });
      assert.equal(result.exitCode, 0);
      assert.match(result.output, /started/);
      // The job held the output pipe open; the call did not wait for it.
      assert.ok(Date.now() - started < 1900, `took ${Date.now() - started} ms`);
      await sleep(2500);
      assert.ok(!fs.existsSync(path.join(dir, 'late.txt')), 'the background job ran after the command ended');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
