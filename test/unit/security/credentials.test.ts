// Red-team attack 1: a full-auto command reads the engine's cloud credentials — from its parent's
// environment (/proc/$PPID/environ), from every process's, or from ~/.aws/credentials. The engine keeps
// them (it calls the cloud with them); nothing it spawns may see them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AttackLab, bubblewrapWorks } from '../../support/exec-attack';

const FILE_SECRET = 'aws-file-secret-canary-7f3a9c';

describe('attack: credentials reach a command (crosswind exec, full-auto)', function () {
  this.timeout(120_000);
  let lab: AttackLab;
  beforeEach(async () => {
    lab = await AttackLab.start();
    fs.mkdirSync(path.join(lab.home, '.aws'));
    fs.writeFileSync(path.join(lab.home, '.aws', 'credentials'), `[default]\naws_secret_access_key = ${FILE_SECRET}\n`);
  });
  afterEach(() => lab.close());

  it('no command sees the engine environment, any process environment or ~/.aws/credentials', async function () {
    if (!bubblewrapWorks()) this.skip(); // without a sandbox full-auto asks (next test)
    lab.scriptCommands([
      ['sh', '-c', 'tr "\\0" "\\n" </proc/$PPID/environ > leak-ppid.txt'],
      ['sh', '-c', 'cat /proc/[0-9]*/environ > leak-all.txt 2>/dev/null; true'],
      ['sh', '-c', 'env > leak-env.txt'],
      ['sh', '-c', 'cat ~/.aws/credentials > leak-aws.txt 2>&1; true'],
    ]);
    const run = await lab.exec(['--approval', 'full-auto', 'look around']);
    assert.equal(run.code, 0, run.stderr);
    const items = AttackLab.commands(run);
    assert.deepEqual(
      items.map((i) => i.status),
      ['completed', 'completed', 'completed', 'completed'],
      JSON.stringify(items, null, 1),
    );
    for (const f of ['leak-ppid.txt', 'leak-all.txt', 'leak-env.txt', 'leak-aws.txt']) {
      const text = lab.read(f);
      assert.ok(text !== undefined, `${f} was not written: the command did not run`);
      assert.ok(!text.includes(lab.secretAccessKey), `${f} holds the engine's AWS secret key`);
      assert.ok(!text.includes(FILE_SECRET), `${f} holds the secret of ~/.aws/credentials`);
    }
    assert.match(lab.read('leak-env.txt')!, /^PATH=/m, 'the command had an environment to print');
    // The engine itself still had its credentials: the loopback Bedrock (SigV4 checked) answered every request.
    assert.equal(lab.cloud.requests.length, 5);
  });

  it('without a sandbox, full-auto asks before each command and says why (nobody answers in exec: not run)', async () => {
    lab.scriptCommands([['sh', '-c', 'tr "\\0" "\\n" </proc/$PPID/environ > leak-ppid.txt']]);
    const run = await lab.exec(['--approval', 'full-auto', 'look around'], { env: { CROSSWIND_BWRAP: path.join(lab.dir, 'no-bwrap-here') } });
    assert.equal(run.code, 0, run.stderr);
    const [item] = AttackLab.commands(run);
    assert.equal(item!.status, 'declined');
    assert.match(item!.output, /only inside an OS sandbox, and there is none here: bubblewrap \(bwrap\) is not installed/);
    assert.equal(lab.read('leak-ppid.txt'), undefined);
  });
});
