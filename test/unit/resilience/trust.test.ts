// Workspace Trust and protected files, through the whole engine against a loopback Bedrock:
// - Restricted Mode (settings.trusted = false): the agent reads and answers, but no patch is applied and no
//   command runs, whatever the approval policy — and both the model and the views are told why;
// - protected files (.git internals, .env*, *.pem, *.key, id_*): a patch to one asks the user even in
//   full-auto, and the read tools do not hand their contents to the model — also when a symlink inside
//   the workspace leads to one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EngineHarness, startCloud, type Cloud } from '../../support/engine-harness';
import { call, codexPatch, requestText, toolResults } from './helpers';

const ENV_SECRET = 'DB_PASSWORD=correct-horse-battery-staple-7731';
const KEY_SECRET = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUtcnNhLXRlc3Qta2V5\n-----END OPENSSH PRIVATE KEY-----\n';
const PROTECTED_FILES = {
  '.env': `${ENV_SECRET}\n`,
  'config/.env.local': `${ENV_SECRET}-local\n`,
  id_rsa: KEY_SECRET,
  'certs/server.pem': '-----BEGIN CERTIFICATE-----\nMIIBpem-test-0042\n-----END CERTIFICATE-----\n',
  'keys/signing.key': 'signing-key-material-0099\n',
  '.git/config': '[core]\n\trepositoryformatversion = 0\n',
};

describe('resilience: Restricted Mode and protected files', function () {
  this.timeout(30_000);
  let cloud: Cloud;
  let h: EngineHarness | undefined;

  beforeEach(async () => {
    cloud = await startCloud('bedrock');
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await cloud.close();
  });

  it('in Restricted Mode reads and answers, but applies no patch and runs no command, and says why', async () => {
    h = await EngineHarness.create({ clouds: [cloud], files: { 'src/a.txt': 'alpha\nbeta\n' }, settings: { trusted: false, approvalPolicy: 'full-auto' } });
    const patch = codexPatch(['*** Update File: src/a.txt', '@@', ' alpha', '-beta', '+BETA']);
    cloud.script([
      { steps: [call('r1', 'read_file', { file_path: 'src/a.txt' }), call('l1', 'list_dir', { dir_path: 'src' }), call('g1', 'grep_files', { pattern: 'beta' })] },
      {
        steps: [
          call('p1', 'apply_patch', { input: patch }),
          call('s1', 'shell', { command: ['node', '-e', 'require("fs").writeFileSync("ran.txt", "1")'] }),
          // The Codex habit of sending a patch through the shell is refused the same way.
          call('s2', 'shell', { command: ['bash', '-lc', `apply_patch <<'EOF'\n${patch}\nEOF`] }),
        ],
      },
      { steps: [{ type: 'text', text: 'I cannot change files here until you trust this workspace.' }] },
    ]);
    const turn = await h.run('Uppercase beta');

    assert.equal(turn.status, 'completed');
    const reads = toolResults(cloud.requests[1]);
    assert.match(reads.get('r1')!.output, /^L2: beta$/m);
    assert.equal(reads.get('r1')!.isError, false);
    assert.match(reads.get('l1')!.output, /^a\.txt$/m);
    assert.match(reads.get('g1')!.output, /src\/a\.txt/);

    const writes = toolResults(cloud.requests[2]);
    for (const id of ['p1', 's1', 's2']) {
      assert.equal(writes.get(id)!.isError, true, id);
      assert.match(writes.get(id)!.output, /Restricted Mode/, id);
    }
    assert.equal(h.read('src/a.txt'), 'alpha\nbeta\n');
    assert.equal(h.exists('ran.txt'), false);
    assert.equal(h.approvals.length, 0, 'nothing to ask: it is refused');

    // The views show why: the patch failed as notTrusted, the command was declined by policy.
    const patches = h.completed('fileChange');
    assert.equal(patches.length, 2);
    for (const p of patches) {
      assert.ok(p.type === 'fileChange');
      assert.equal(p.patch.status, 'failed');
      assert.equal(p.patch.error?.kind, 'notTrusted');
      assert.match(p.patch.error?.message ?? '', /Restricted Mode.*trust the workspace/);
    }
    const cmd = h.completed('commandExecution')[0];
    assert.ok(cmd?.type === 'commandExecution');
    assert.equal(cmd.status, 'declined');
    assert.match(cmd.approval?.reason ?? '', /Restricted Mode/);
    const answer = h.completed('agentMessage').at(-1);
    assert.ok(answer?.type === 'agentMessage' && /trust this workspace/.test(answer.text));
  });

  it('asks before patching a protected file even in full-auto; declining leaves it untouched', async () => {
    const asked: string[] = [];
    h = await EngineHarness.create({
      clouds: [cloud],
      files: { 'src/a.txt': 'one\n', ...PROTECTED_FILES },
      settings: { approvalPolicy: 'full-auto' },
      approve: (_m, params) => {
        const p = params as { patch: { files: { path: string }[] }; reason: string };
        asked.push(`${p.patch.files.map((f) => f.path).join(',')}: ${p.reason}`);
        return 'decline';
      },
    });
    const targets = ['.env', 'config/.env.local', 'id_rsa', 'certs/server.pem', 'keys/signing.key', '.git/config'];
    cloud.script([
      // An ordinary patch applies without asking in full-auto…
      { steps: [call('ok1', 'apply_patch', { input: codexPatch(['*** Update File: src/a.txt', '@@', '-one', '+two']) })] },
      // …patches that touch protected files do not that touch protected files.
      { steps: targets.map((t, i) => call(`pp${i}`, 'apply_patch', { input: codexPatch([`*** Add File: ${t}`, '+overwritten by the agent']) })) },
      { steps: [{ type: 'text', text: 'Left them alone.' }] },
    ]);
    const turn = await h.run('Rotate the secrets');
    assert.equal(turn.status, 'completed');
    assert.equal(h.read('src/a.txt'), 'two\n');
    assert.equal(asked.length, targets.length, asked.join('\n'));
    for (const [i, t] of targets.entries()) {
      assert.match(asked[i]!, new RegExp(`protected files \\(${t.replace(/\./g, '\\.')}\\)`));
      assert.equal(h.read(t), PROTECTED_FILES[t as keyof typeof PROTECTED_FILES], t);
      assert.match(toolResults(cloud.requests[2]).get(`pp${i}`)!.output, /The user rejected this patch/);
    }
  });

  it('applies a protected-file patch in full-auto only once the user accepts it', async () => {
    h = await EngineHarness.create({ clouds: [cloud], files: { '.env': 'A=1\n' }, settings: { approvalPolicy: 'full-auto' }, approve: () => 'accept' });
    cloud.script([{ steps: [call('e1', 'apply_patch', { input: codexPatch(['*** Update File: .env', '@@', '-A=1', '+A=2']) })] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    await h.run('Set A to 2');
    assert.equal(h.approvals.length, 1);
    assert.equal(h.read('.env'), 'A=2\n');
  });

  it('does not hand protected files to the model: read_file refuses them, grep_files neither searches nor names them', async () => {
    h = await EngineHarness.create({ clouds: [cloud], files: { 'src/app.js': 'const x = 1;\n', ...PROTECTED_FILES }, settings: { approvalPolicy: 'full-auto' } });
    const protectedPaths = Object.keys(PROTECTED_FILES);
    cloud.script([
      {
        steps: [
          ...protectedPaths.map((p, i) => call(`rd${i}`, 'read_file', { file_path: p })),
          // Used as an oracle, a search would tell the model what a secret file holds, one guess at a time.
          call('gr1', 'grep_files', { pattern: 'correct-horse' }),
          call('gr2', 'grep_files', { pattern: 'DB_PASSWORD', path: '.env' }),
          call('gr3', 'grep_files', { pattern: 'repositoryformatversion', path: '.git' }),
        ],
      },
      { steps: [{ type: 'text', text: 'I cannot read those.' }] },
    ]);
    await h.run('Show me the secrets');
    const results = toolResults(cloud.requests[1]);
    for (const [i, p] of protectedPaths.entries()) {
      const r = results.get(`rd${i}`)!;
      assert.equal(r.isError, true, p);
      assert.match(r.output, /protected file/, p);
    }
    assert.equal(results.get('gr1')!.output, 'No matches found.');
    for (const id of ['gr2', 'gr3']) assert.match(results.get(id)!.output, /is a protected file/, id);
    const seen = [...results.values()].map((r) => r.output).join('\n');
    for (const secret of ['correct-horse', 'b3BlbnNzaC1rZXkt', 'MIIBpem', 'signing-key-material', 'repositoryformatversion = 0']) assert.ok(!seen.includes(secret), secret);
  });

  it('treats a symlink inside the workspace like the protected file it leads to', async () => {
    h = await EngineHarness.create({ clouds: [cloud], files: { ...PROTECTED_FILES, '.git/hooks/README': 'hooks\n' }, settings: { approvalPolicy: 'full-auto' }, approve: () => 'decline' });
    fs.symlinkSync('.env', path.join(h.workspace, 'settings.txt'));
    fs.symlinkSync('.git/config', path.join(h.workspace, 'project.cfg'));
    fs.symlinkSync('.git/hooks', path.join(h.workspace, 'tools'));
    cloud.script([
      {
        steps: [
          call('rs', 'read_file', { file_path: 'settings.txt' }),
          call('ps', 'apply_patch', { input: codexPatch(['*** Update File: project.cfg', '@@', ' [core]', '+\tfsmonitor = "touch pwned"']) }),
          call('ph', 'apply_patch', { input: codexPatch(['*** Add File: tools/pre-commit', '+#!/bin/sh', '+touch pwned']) }),
        ],
      },
      { steps: [{ type: 'text', text: 'OK.' }] },
    ]);
    await h.run('Configure the project');
    const results = toolResults(cloud.requests[1]);
    assert.match(results.get('rs')!.output, /protected file/);
    assert.ok(!requestText(cloud.requests[1]!).includes('correct-horse'));
    // Both patches asked (and were declined), so nothing under .git changed.
    assert.equal(h.approvals.length, 2, JSON.stringify(h.approvals.map((a) => (a.params as { reason: string }).reason)));
    assert.equal(h.read('.git/config'), PROTECTED_FILES['.git/config']);
    assert.equal(h.exists('.git/hooks/pre-commit'), false);
  });
});
