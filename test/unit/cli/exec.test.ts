// `crosswind exec` as a CI pipeline runs it: a real process, a loopback Bedrock, a temp folder.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCloud, type Cloud } from '../../support/engine-harness';

const ROOT = path.resolve(__dirname, '../../..');
/** tsx by absolute URL: the CLI runs with its cwd in a temp folder, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', '*** Update File: math.js', '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/cli/cli.ts'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('crosswind exec', function () {
  this.timeout(60_000);
  let cloud: Cloud;
  let dir: string;
  let env: Record<string, string>;
  let flags: string[];

  beforeEach(async () => {
    cloud = await startCloud('bedrock');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-exec-'));
    fs.mkdirSync(path.join(dir, 'repo'));
    fs.writeFileSync(path.join(dir, 'repo', 'math.js'), MATH);
    env = { ...cloud.env, HOME: path.join(dir, 'home'), XDG_STATE_HOME: path.join(dir, 'state'), AWS_REGION: 'us-east-1' };
    const p = cloud.profile as { model: string; endpoint?: string };
    flags = ['--provider', 'bedrock', '--model', p.model, '--region', 'us-east-1', '--endpoint', p.endpoint!];
  });
  afterEach(() => cloud.close());

  it('--json: applies the patch in auto-edit and prints one JSON event per line, ending with turn.completed with usage and cost', async () => {
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1000, output: 50 } },
      { steps: [{ type: 'text', text: 'Exported sum.' }], usage: { input: 1200, output: 10 } },
    ]);
    const r = await runCli(['exec', ...flags, '--approval', 'auto-edit', '--json', '--cwd', 'repo', 'Export a sum alias'], env, dir);
    assert.equal(r.code, 0, r.stderr);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    assert.equal(events[0]!.type, 'thread.started');
    assert.ok(events.some((e) => e.type === 'turn.started'));
    const patch = events.find((e) => e.type === 'item.completed' && (e.item as { type: string }).type === 'fileChange');
    assert.equal((patch!.item as { patch: { status: string } }).patch.status, 'applied');
    const last = events[events.length - 1]!;
    assert.equal(last.type, 'turn.completed');
    assert.deepEqual(last.usage, { inputTokens: 2200, outputTokens: 60, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
    assert.ok((last.cost as { usd: number | null }).usd !== undefined);
    assert.equal(fs.readFileSync(path.join(dir, 'repo', 'math.js'), 'utf8'), MATH.replace('{ add }', '{ add, sum: add }'));
    // The ledger and the audit log are in the state folder, and the audit chain verifies.
    assert.ok(fs.existsSync(path.join(dir, 'state', 'crosswind', 'ledger.jsonl')));
    const verify = await runCli(['audit', 'verify'], env, dir);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  });

  it('read-only: reports the patch as pending and leaves the files alone', async () => {
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] },
      { steps: [{ type: 'text', text: 'Proposed the change for review.' }] },
    ]);
    const r = await runCli(['exec', ...flags, 'Export a sum alias'], env, path.join(dir, 'repo'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Proposed the change for review\./);
    assert.match(r.stderr, /patch pending: M math\.js \(\+1 −1\)/);
    assert.match(r.stderr, /\+module\.exports = \{ add, sum: add \};/);
    assert.equal(fs.readFileSync(path.join(dir, 'repo', 'math.js'), 'utf8'), MATH);
  });

  it('exits 1 with the typed error and its fix when the credentials are refused', async () => {
    cloud.script([{ fault: 'authInvalid' }]);
    const r = await runCli(['exec', ...flags, '--json', 'hi'], env, path.join(dir, 'repo'));
    assert.equal(r.code, 1);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!) as { type: string; turn: { status: string; error: { kind: string } } };
    assert.equal(last.type, 'turn.completed');
    assert.equal(last.turn.status, 'failed');
    assert.equal(last.turn.error.kind, 'authInvalid');
  });

  it('never prints a secret of its environment, even when the model repeats it', async () => {
    const canary = 'cAnArYsEcReT0123456789abcdefXYZ';
    cloud.script([{ steps: [{ type: 'text', text: `Your key is ${canary} — keep it safe.` }] }]);
    const r = await runCli(['exec', ...flags, '--json', 'What is my key?'], { ...env, OPENAI_API_KEY: canary }, path.join(dir, 'repo'));
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(canary) && !r.stderr.includes(canary), 'the key was printed');
    assert.match(r.stdout, /Your key is \[REDACTED\]/);
  });

  it('exits 2 on bad usage', async () => {
    const r = await runCli(['exec', '--approval', 'yolo', 'hi'], env, dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--approval must be read-only, auto-edit or full-auto/);
  });
});
