// Red-team attack 7 and the Low items, each through `crosswind exec`: a catastrophic regex in the
// ripgrep-less grep fallback froze the engine (Ctrl-C too); the 100-request cap ended the turn
// "completed" (exit 0); --pricing accepted 1e308 and failed after the paid request; terminal escapes in
// model text and file names were printed raw; a hard link to an outside file was readable; Add File
// over an existing file overwrote it silently.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AttackLab } from '../../support/exec-attack';
import type { ScriptEntry } from '../../support/scripted-model';

const CATASTROPHIC = '^(a+)+$';
/** PATH without ripgrep: the JavaScript fallback searches. */
const NO_RG = { PATH: '/usr/bin:/bin' };

describe('attack: unbounded work and the low-severity items (crosswind exec)', function () {
  this.timeout(120_000);
  let lab: AttackLab;
  beforeEach(async () => (lab = await AttackLab.start()));
  afterEach(() => lab.close());

  it('grep_files without ripgrep: ^(a+)+$ is stopped, the model is told why, the turn completes', async () => {
    fs.writeFileSync(path.join(lab.repo, 'evil.txt'), 'a'.repeat(40) + '!');
    lab.cloud.script([{ steps: [{ type: 'toolCall', name: 'grep_files', input: { pattern: CATASTROPHIC } }] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    const run = await lab.exec(['search'], { env: NO_RG, timeoutMs: 60_000 });
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.stringify(lab.cloud.requests[1]!.messages.at(-1));
    assert.match(result, /took more than .* s .* backtracks catastrophically/);
  });

  it('Ctrl-C stops crosswind exec while a tool is busy', async () => {
    fs.writeFileSync(path.join(lab.repo, 'evil.txt'), 'a'.repeat(40) + '!');
    lab.cloud.script([{ steps: [{ type: 'toolCall', name: 'grep_files', input: { pattern: CATASTROPHIC } }] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    let interruptedAt = 0;
    const run = await lab.exec(['search'], {
      env: NO_RG,
      timeoutMs: 60_000,
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (lab.cloud.requests.length < 1) return;
          clearInterval(poll);
          // The grep is running (or about to): interrupt it.
          setTimeout(() => {
            interruptedAt = Date.now();
            child.kill('SIGINT');
          }, 800);
        }, 50);
      },
    });
    assert.ok(interruptedAt > 0);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(Date.now() - interruptedAt < 10_000, `exited ${Date.now() - interruptedAt} ms after Ctrl-C`);
  });

  it('the 100-request cap ends the turn as failed: exit 1 and a message', async () => {
    const entries: ScriptEntry[] = [];
    for (let i = 0; i < 101; i++) entries.push({ steps: [{ type: 'toolCall', name: 'update_plan', input: { plan: [{ step: `step ${i}`, status: 'in_progress' }] } }] });
    lab.cloud.script(entries);
    const run = await lab.exec(['loop forever'], { timeoutMs: 100_000 });
    assert.equal(run.code, 1, run.stderr.slice(-2000));
    assert.equal(lab.cloud.requests.length, 100);
    const last = run.events.at(-1) as { type: string; turn: { status: string; error?: { message: string } } };
    assert.equal(last.type, 'turn.completed');
    assert.equal(last.turn.status, 'failed');
    assert.match(last.turn.error!.message, /Stopped after 100 model requests/);
  });

  it('--pricing out of range is refused before any request is made', async () => {
    const prices = path.join(lab.dir, 'prices.json');
    fs.writeFileSync(prices, JSON.stringify({ 'bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0': { input: 1e308, output: 1 } }));
    lab.cloud.script([{ steps: [{ type: 'text', text: 'Hi.' }], usage: { input: 1000, output: 10 } }]);
    const run = await lab.exec(['--pricing', prices, 'hi']);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /at most 100000 US dollars per million tokens/);
    assert.equal(lab.cloud.requests.length, 0, 'a paid request was made before the price file was checked');
  });

  it('prints no terminal escape from model text or file names (OSC 52, clear screen, title)', async () => {
    const evil = 'Here \x1b]52;c;ZXZpbA==\x07you \x1b[2J\x1b[Hgo \x1b]0;pwned\x07\x9b31m done\r';
    const patch = ['*** Begin Patch', '*** Add File: notes-\x1b[2J.txt', '+hi', '*** End Patch'].join('\n');
    lab.cloud.script([{ steps: [{ type: 'text', text: evil }, { type: 'toolCall', name: 'apply_patch', input: { input: patch } }] }, { steps: [{ type: 'text', text: evil }] }]);
    const run = await lab.exec(['--approval', 'auto-edit', 'write notes'], { human: true });
    assert.equal(run.code, 0, run.stderr);
    for (const [name, text] of [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
    ] as const) {
      // eslint-disable-next-line no-control-regex
      assert.ok(!/[\x1b\x9b\x07\r]/.test(text), `${name} carries a terminal control character: ${JSON.stringify(text)}`);
    }
    assert.match(run.stdout, /Here you go/);
    assert.match(run.stderr, /A notes-.*\.txt/);
  });

  it('does not read a hard link to a file outside the workspace', async () => {
    const secret = path.join(lab.outside, 'secret.txt');
    fs.writeFileSync(secret, 'outside-secret-canary\n');
    fs.linkSync(secret, path.join(lab.repo, 'innocent.txt'));
    lab.cloud.script([{ steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'innocent.txt' } }] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    const run = await lab.exec(['read it']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.stringify(lab.cloud.requests[1]!.messages.at(-1));
    assert.ok(!result.includes('outside-secret-canary'), 'the outside file was read through its hard link');
    assert.match(result, /hard link/);
  });

  it('Add File over an existing file asks instead of replacing it (auto-edit: left for review)', async () => {
    fs.writeFileSync(path.join(lab.repo, 'math.js'), 'module.exports = 1;\n');
    const patch = ['*** Begin Patch', '*** Add File: math.js', '+module.exports = 2;', '*** End Patch'].join('\n');
    lab.cloud.script([{ steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: patch } }] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    const run = await lab.exec(['--approval', 'auto-edit', 'replace it']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(lab.read('math.js'), 'module.exports = 1;\n');
    assert.match(JSON.stringify(lab.cloud.requests[1]!.messages.at(-1)), /already exist/);
  });
});
