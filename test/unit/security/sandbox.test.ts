// Red-team attack 6: the README promised full-auto commands stay "inside the workspace", but a command
// wrote outside it, appended to .env, wrote .git/hooks and read the engine's own files. Every command now
// runs in the OS sandbox (bubblewrap here): writes only in the workspace and a private /tmp, protected
// files and git hooks read-only, credential folders and the engine's state hidden, no network unless
// allowed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AttackLab, bubblewrapWorks } from '../../support/exec-attack';

describe('attack: a full-auto command reaches outside the workspace (crosswind exec)', function () {
  this.timeout(120_000);
  let lab: AttackLab;
  before(function () {
    if (!bubblewrapWorks()) this.skip(); // the unsandboxed path asks instead: credentials.test.ts
  });
  beforeEach(async () => {
    lab = await AttackLab.start();
    fs.writeFileSync(path.join(lab.repo, '.env'), 'TOKEN=keep-me\n');
    fs.mkdirSync(path.join(lab.repo, '.git', 'hooks'), { recursive: true });
    fs.writeFileSync(path.join(lab.repo, '.git', 'config'), '[core]\n\tbare = false\n');
    fs.writeFileSync(path.join(lab.outside, 'notes.txt'), 'outside\n');
  });
  afterEach(() => lab?.close());

  it('cannot write outside the workspace, to .env or to .git hooks/config; can write the workspace and /tmp', async () => {
    const outsideFile = path.join(lab.outside, 'planted.txt');
    lab.scriptCommands([
      ['sh', '-c', `echo planted > ${outsideFile}`],
      ['sh', '-c', 'echo EVIL=1 >> .env'],
      ['sh', '-c', 'printf "#!/bin/sh\\ntouch pwned\\n" > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit'],
      ['sh', '-c', 'printf "[core]\\n\\thooksPath = /var/tmp\\n" >> .git/config'],
      ['sh', '-c', `echo planted > ${path.join(lab.home, 'planted.txt')}`],
      ['sh', '-c', 'echo scratch > /tmp/scratch && cat /tmp/scratch > from-tmp.txt && echo ok > made-here.txt'],
    ]);
    const run = await lab.exec(['--approval', 'full-auto', 'try']);
    assert.equal(run.code, 0, run.stderr);
    const items = AttackLab.commands(run);
    assert.deepEqual(
      items.map((i) => i.status),
      ['failed', 'failed', 'failed', 'failed', 'failed', 'completed'],
      JSON.stringify(items.map((i) => i.output)),
    );
    assert.match(items[0]!.output, /Read-only file system/);
    assert.ok(!fs.existsSync(outsideFile), 'a file was written outside the workspace');
    assert.equal(lab.read('.env'), 'TOKEN=keep-me\n');
    assert.ok(!fs.existsSync(path.join(lab.repo, '.git', 'hooks', 'pre-commit')));
    assert.equal(lab.read('.git/config'), '[core]\n\tbare = false\n');
    assert.ok(!fs.existsSync(path.join(lab.home, 'planted.txt')));
    assert.equal(lab.read('from-tmp.txt'), 'scratch\n');
    assert.equal(lab.read('made-here.txt'), 'ok\n');
  });

  it('cannot read the engine state folder or its audit log; ~/.ssh and ~/.azure are empty', async () => {
    fs.mkdirSync(path.join(lab.home, '.ssh'));
    fs.writeFileSync(path.join(lab.home, '.ssh', 'id_ed25519'), 'PRIVATE KEY canary-ssh\n');
    fs.mkdirSync(path.join(lab.home, '.azure'));
    fs.writeFileSync(path.join(lab.home, '.azure', 'msal_token_cache.json'), '{"canary":"azure"}\n');
    const state = lab.env.XDG_STATE_HOME!;
    // A first run leaves an audit log and thread files in the state folder.
    lab.scriptCommands([]);
    assert.equal((await lab.exec(['hello'])).code, 0);
    assert.ok(fs.existsSync(path.join(state, 'crosswind', 'audit.jsonl')));
    lab.scriptCommands([['sh', '-c', `{ ls -A ${state}/crosswind; cat ${state}/crosswind/audit.jsonl; cat ~/.ssh/id_ed25519; cat ~/.azure/*; ls -A ~/.ssh ~/.azure; } > peek.txt 2>&1; true`]]);
    const run = await lab.exec(['--approval', 'full-auto', 'peek']);
    assert.equal(run.code, 0, run.stderr);
    const peek = lab.read('peek.txt')!;
    assert.ok(!/ledger\.jsonl|threads/.test(peek) && !peek.includes('"prevHash"'), `the state folder was visible:\n${peek}`);
    assert.ok(!peek.includes('canary-ssh') && !peek.includes('"canary"'), `a credential folder was readable:\n${peek}`);
    assert.match(peek, /No such file or directory/);
  });

  it('has no network unless --allow-network', async () => {
    const server = http.createServer((_req, res) => res.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      // A script file: code given inline (node -e) asks, since the deny list cannot see into it.
      fs.writeFileSync(path.join(lab.repo, 'probe.js'), `fetch("http://127.0.0.1:${port}/").then(r=>r.text()).then(t=>console.log(t),e=>{console.log("blocked:",e.cause?.code??e.message);process.exit(3)})\n`);
      const fetchIt = ['node', 'probe.js'];
      lab.scriptCommands([fetchIt]);
      const denied = await lab.exec(['--approval', 'full-auto', 'call out']);
      const [blocked] = AttackLab.commands(denied);
      assert.equal(blocked!.status, 'failed', blocked!.output);
      assert.match(blocked!.output, /blocked: ECONNREFUSED/);
      lab.scriptCommands([fetchIt]);
      const allowed = await lab.exec(['--approval', 'full-auto', '--allow-network', 'call out']);
      const [reached] = AttackLab.commands(allowed);
      assert.equal(reached!.status, 'completed', reached!.output);
      assert.match(reached!.output, /reached/);
    } finally {
      server.close();
    }
  });
});
