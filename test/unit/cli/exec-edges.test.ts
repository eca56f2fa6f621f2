// `crosswind exec` at the edges a user touches first: how soon it exits, bad arguments, missing
// credentials, how often an error is said, what --json promises, and what the AWS SDK prints on Node 20.
// Real processes against a loopback Bedrock (STS included) in a temp folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCloud, type Cloud } from '../../support/engine-harness';
import { occurrences, runCli } from './run-cli';

/** The engine waits this long at most for the identity the audit log records (src/core/engine/engine.ts). */
const IDENTITY_TIMEOUT_MS = 3000;

interface JsonEvent {
  type: string;
  item?: { id: string; type: string; kind?: string; message?: string };
  [k: string]: unknown;
}

const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JsonEvent);

describe('crosswind exec: exit, arguments, credentials and output', function () {
  this.timeout(60_000);
  let cloud: Cloud;
  let dir: string;
  let env: Record<string, string>;
  let flags: string[];
  const stateFiles = () => (fs.existsSync(path.join(dir, 'state')) ? (fs.readdirSync(path.join(dir, 'state'), { recursive: true }) as string[]) : []);

  beforeEach(async () => {
    cloud = await startCloud('bedrock');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-exec-edges-'));
    fs.mkdirSync(path.join(dir, 'repo'));
    fs.writeFileSync(path.join(dir, 'repo', 'README.md'), '# repo\n');
    env = { ...cloud.env, HOME: path.join(dir, 'home'), XDG_STATE_HOME: path.join(dir, 'state'), AWS_EC2_METADATA_DISABLED: 'true' };
    const p = cloud.profile as { model: string; endpoint?: string };
    flags = ['--provider', 'bedrock', '--model', p.model, '--region', 'us-east-1', '--endpoint', p.endpoint!];
  });
  afterEach(async () => {
    await cloud.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits as soon as its turn is over, not when the identity lookup would have timed out', async () => {
    cloud.script([{ steps: [{ type: 'text', text: 'Done.' }] }]);
    const r = await runCli(['exec', ...flags, '--json', '--cwd', 'repo', 'Say done'], { env, cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const turnDone = r.stdoutLines.find((l) => l.text.includes('"type":"turn.completed"'));
    assert.ok(turnDone, r.stdout);
    const lingered = r.exitedAt - turnDone.at;
    // The old engine left its 3 s identity-lookup timer running: the process lived ~2.7 s past its turn.
    assert.ok(lingered < IDENTITY_TIMEOUT_MS / 2, `the process exited ${Math.round(lingered)} ms after turn.completed`);
  });

  it('--cwd naming no folder is a bad argument: exit 2, said once, nothing written', async () => {
    const r = await runCli(['exec', ...flags, '--cwd', 'nope', 'hi'], { env, cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `crosswind exec: --cwd nope: no such directory (${path.join(dir, 'nope')})`);
    assert.deepEqual(stateFiles(), []);
  });

  it('a missing OPENAI_API_KEY is said once, naming the variable, before any turn starts', async () => {
    const r = await runCli(['exec', '--provider', 'openai', '--model', 'gpt-5', '--json', 'hi'], { env: { HOME: env.HOME!, XDG_STATE_HOME: env.XDG_STATE_HOME! }, cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '', 'no thread or turn was started');
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(occurrences(r.stderr, 'OPENAI_API_KEY is not set'), 1, r.stderr);
    assert.match(r.stderr, /--provider bedrock or --provider azure/);
    assert.deepEqual(stateFiles(), []);
  });

  it('AWS credentials that cannot be found are said once, with the fix, before any model request', async () => {
    const noKeys = { ...env };
    delete noKeys.AWS_ACCESS_KEY_ID;
    delete noKeys.AWS_SECRET_ACCESS_KEY;
    const r = await runCli(['exec', ...flags, 'hi'], { env: noKeys, cwd: path.join(dir, 'repo') });
    assert.equal(r.code, 1);
    assert.equal(occurrences(r.stderr, 'No AWS credentials were found'), 1, r.stderr);
    assert.match(r.stderr, /fix: .*AWS_ACCESS_KEY_ID/);
    assert.equal(cloud.requests.length, 0, 'no model request was made');
    assert.deepEqual(stateFiles(), []);
  });

  it('an error is printed once on stderr, in both output modes', async () => {
    for (const json of [false, true]) {
      cloud.script([{ fault: 'authInvalid' }]);
      const r = await runCli(['exec', ...flags, ...(json ? ['--json'] : []), 'hi'], { env, cwd: path.join(dir, 'repo') });
      assert.equal(r.code, 1, r.stderr);
      const message = json ? (events(r.stdout).at(-1) as unknown as { turn: { error: { message: string } } }).turn.error.message : /^error: (.*)$/m.exec(r.stderr)?.[1];
      assert.ok(message, r.stderr);
      assert.equal(occurrences(r.stderr, message), 1, `${json ? '--json' : 'text'} stderr:\n${r.stderr}`);
    }
  });

  it('--json: one item.started and one item.completed per item, a retry notice updated in place', async () => {
    cloud.script([{ fault: 'throttle' }, { fault: 'throttle' }, { steps: [{ type: 'text', text: 'Third time lucky.' }] }]);
    const r = await runCli(['exec', ...flags, '--json', 'hi'], { env, cwd: path.join(dir, 'repo') });
    assert.equal(r.code, 0, r.stderr);
    const all = events(r.stdout);
    const ids = new Set(all.filter((e) => e.item).map((e) => e.item!.id));
    for (const id of ids) {
      const of = (type: string) => all.filter((e) => e.type === type && e.item?.id === id).length;
      assert.equal(of('item.started'), 1, `item.started of ${id}`);
      assert.equal(of('item.completed'), 1, `item.completed of ${id}`);
    }
    const retry = all.filter((e) => e.item?.type === 'notice' && e.item.kind === 'retry');
    assert.deepEqual(
      retry.map((e) => e.type),
      ['item.started', 'item.completed', 'item.updated'],
    );
    assert.match(retry[2]!.item!.message!, /attempt 3 of/);
  });

  it("does not show the AWS SDK's NodeVersionSupportWarning", async () => {
    cloud.script([{ steps: [{ type: 'text', text: 'Done.' }] }]);
    const r = await runCli(['exec', ...flags, 'Say done'], { env, cwd: path.join(dir, 'repo') });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning|will require node/);
  });

  it("the model is told that unified diffs are accepted when its patch is neither format", async () => {
    cloud.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: 'Please change README.md to say hello' } }] },
      { steps: [{ type: 'text', text: 'I will send a proper patch.' }] },
    ]);
    const r = await runCli(['exec', ...flags, '--approval', 'auto-edit', 'Say hello in the README'], { env, cwd: path.join(dir, 'repo') });
    assert.equal(r.code, 0, r.stderr);
    const toolResult = cloud.requests[1]!.messages.flatMap((m) => ('toolResult' in m ? [m.toolResult.output] : [])).join('\n');
    assert.match(toolResult, /first line of the patch must be '\*\*\* Begin Patch'/);
    assert.match(toolResult, /unified diff is accepted too, as `git diff`/);
  });
});
