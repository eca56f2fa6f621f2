// `crosswind cloud` against AgentCore the way a user runs it: real CLI processes using the real
// @aws-sdk/client-bedrock-agentcore and -control clients, pointed at a loopback AgentCore (both planes,
// SigV4 checked) that forwards invocations to a real `crosswind serve` process, with a loopback Bedrock
// (model and STS) behind that. Deploy, run from a workspace with uncommitted changes, follow the events,
// take the verified patch, refuse a workspace that moved on or a log that does not verify, cancel.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAgentCoreServer, type AgentCoreServer } from '../../support/agentcore-server';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { startServe, waitUntil, type ServeProcess } from '../../support/serve-process';
import { runCli } from '../cli/run-cli';

const AWS = { accessKeyId: 'AKIDCLOUDDISPATCH001', secretAccessKey: 'cloud/dispatch/secret/key/for/tests/001' };
const ROLE = 'arn:aws:sts::123456789012:assumed-role/CrosswindDeveloper/alice';
const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/crosswind:0.1.0';
const RUNTIME_ROLE = 'arn:aws:iam::123456789012:role/CrosswindAgentCoreRuntime';
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\n// helpers\n\n\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', '*** Update File: math.js', '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();
}

describe('crosswind cloud: dispatch to AgentCore Runtime', function () {
  this.timeout(120_000);
  let bedrock: BedrockServer;
  let agentcore: AgentCoreServer;
  let serve: ServeProcess;
  let dir: string;
  let repo: string;
  let env: Record<string, string>;
  const modelFlags = () => ['--provider', 'bedrock', '--model', MODEL, '--region', 'us-east-1', '--endpoint', bedrock.url];
  const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...env, ...extra }, cwd: repo });

  before(async () => {
    bedrock = await startBedrockServer({ credentials: AWS, region: 'us-east-1', identity: { arn: ROLE, account: '123456789012' } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-dispatch-'));
    const serveEnv = {
      HOME: path.join(dir, 'runtime-home'),
      AWS_ACCESS_KEY_ID: AWS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: bedrock.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    // One container serves every session here (AgentCore would start a microVM per session).
    serve = await startServe({ env: serveEnv, args: ['--work-dir', path.join(dir, 'runtime-tasks'), '--max-tasks', '4'] });
    agentcore = await startAgentCoreServer({ credentials: AWS, region: 'us-east-1', container: () => serve.url });
  });
  after(async () => {
    await serve.stop();
    await agentcore.close();
    await bedrock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(dir, 'work-'));
    git(repo, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, 'math.js'), MATH.replace('a + b', 'a+b'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'first');
    fs.writeFileSync(path.join(repo, 'math.js'), MATH); // uncommitted: the task must see it
    env = {
      HOME: path.join(dir, 'home'),
      XDG_STATE_HOME: path.join(repo, '..', `${path.basename(repo)}-state`),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      AWS_ACCESS_KEY_ID: AWS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: agentcore.dataUrl,
      AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: agentcore.controlUrl,
      AWS_ENDPOINT_URL_STS: bedrock.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  });

  async function deployed(): Promise<string> {
    if (!agentcore.runtimes.length) {
      const r = await cli(['cloud', 'deploy', '--image', IMAGE, '--role', RUNTIME_ROLE]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    } else {
      fs.mkdirSync(path.join(env.XDG_STATE_HOME!, 'crosswind', 'cloud'), { recursive: true });
      const rt = agentcore.runtimes[0]!;
      fs.writeFileSync(
        path.join(env.XDG_STATE_HOME!, 'crosswind', 'cloud', 'runtime.json'),
        JSON.stringify({ runtimeArn: rt.agentRuntimeArn, runtimeId: rt.agentRuntimeId, name: rt.agentRuntimeName, region: 'us-east-1', version: rt.agentRuntimeVersion, deployedAt: Date.now() }),
      );
    }
    return agentcore.runtimes[0]!.agentRuntimeArn;
  }

  async function runTask(prompt: string, extra: string[] = []): Promise<string> {
    const r = await cli(['cloud', 'run', ...modelFlags(), ...extra, prompt]);
    assert.equal(r.code, 0, r.stderr);
    const taskId = r.stdout.trim();
    assert.match(taskId, /^task-[0-9a-f]{24}$/);
    return taskId;
  }

  it('deploy creates the runtime, waits for READY, then updates it in place; it refuses a secret in the runtime environment', async () => {
    const r = await cli(['cloud', 'deploy', '--image', IMAGE, '--role', RUNTIME_ROLE, '--env', 'CROSSWIND_NOTE=hello']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^created runtime crosswind: arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime\/crosswind-\S+ \(version 1, CREATING\)$/m);
    assert.match(r.stdout, /runtime crosswind is READY/);
    assert.equal(agentcore.runtimes.length, 1);
    assert.deepEqual(agentcore.runtimes[0]!.environmentVariables, { CROSSWIND_NOTE: 'hello' });
    const again = await cli(['cloud', 'deploy', '--image', IMAGE.replace('0.1.0', '0.2.0'), '--role', RUNTIME_ROLE]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^updated runtime crosswind: \S+ \(version 2, UPDATING\)$/m);
    assert.equal(agentcore.runtimes.length, 1);
    assert.equal(agentcore.runtimes[0]!.containerUri, IMAGE.replace('0.1.0', '0.2.0'));
    const secret = await cli(['cloud', 'deploy', '--image', IMAGE, '--role', RUNTIME_ROLE, '--env', 'OPENAI_API_KEY=sk-123']);
    assert.equal(secret.code, 2);
    assert.match(secret.stderr, /Secrets Manager/);
    const badImage = await cli(['cloud', 'deploy', '--name', 'other', '--image', 'docker.io/crosswind:latest', '--role', RUNTIME_ROLE]);
    assert.equal(badImage.code, 1);
    assert.match(badImage.stderr, /ValidationException: .*containerUri/);
    assert.ok(agentcore.calls.every((c) => c.auth === 'sigv4'), 'every call was SigV4-signed with the right secret');
  });

  it('runs a task from the workspace with its uncommitted change, follows it, and applies the verified patch', async () => {
    await deployed();
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1000, output: 50 } },
      { steps: [{ type: 'text', text: 'Exported sum.' }], usage: { input: 1200, output: 10 } },
    ]);
    const taskId = await runTask('Export a sum alias');
    const follow = await cli(['cloud', 'events', taskId, '--follow']);
    assert.equal(follow.code, 0, follow.stderr);
    assert.match(follow.stdout, /Exported sum\./);
    assert.match(follow.stderr, new RegExp(`task ${taskId} started on [0-9a-f]{12} as ${ROLE.replace(/[/]/g, '\\/')}`));
    assert.match(follow.stderr, /patch applied: M math\.js \(\+1 −1\)/);
    assert.match(follow.stderr, /task completed \(\$/);
    const json = await cli(['cloud', 'events', taskId, '--json', '--after', '2']);
    const seqs = json.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq);
    assert.equal(seqs[0], 3);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 3));

    // The runtime saw the user and the session of this task.
    const invocations = agentcore.calls.filter((c) => c.plane === 'data' && c.path.endsWith('/invocations'));
    assert.ok(invocations.every((c) => c.sessionId === `crosswind-${taskId}` && c.status === 200));

    const applied = await cli(['cloud', 'result', taskId, '--apply']);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stderr, /audit log verified: \d+ records \(keyed with this task's key\)/);
    assert.match(applied.stdout, /applied to .*: math\.js/);
    assert.equal(fs.readFileSync(path.join(repo, 'math.js'), 'utf8'), MATH.replace('{ add }', '{ add, sum: add }'));
    const list = await cli(['cloud', 'status']);
    assert.match(list.stdout, new RegExp(`${taskId}  completed .* Export a sum alias`));
  });

  it('refuses to apply to a workspace that moved on, merges with --3way, and shows nothing when the log does not verify', async () => {
    await deployed();
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const taskId = await runTask('Export a sum alias');
    await waitUntil(async () => ((await cli(['cloud', 'status', taskId])).stdout.includes(': completed') ? true : undefined), 60_000, 'the task to complete', 500);
    // The user went on working: the first line changed since the task's base.
    fs.writeFileSync(path.join(repo, 'math.js'), '// edited meanwhile\n' + MATH);
    const refused = await cli(['cloud', 'result', taskId, '--apply']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /changed since the task started.*--3way/);
    assert.match(refused.stderr, /changed since the task started: math\.js/);
    assert.equal(fs.readFileSync(path.join(repo, 'math.js'), 'utf8'), '// edited meanwhile\n' + MATH, 'nothing was written');
    git(repo, 'add', 'math.js'); // --3way works on the index too: the user's change is staged
    const merged = await cli(['cloud', 'result', taskId, '--3way']);
    assert.equal(merged.code, 0, merged.stderr);
    assert.equal(fs.readFileSync(path.join(repo, 'math.js'), 'utf8'), '// edited meanwhile\n' + MATH.replace('{ add }', '{ add, sum: add }'));

    // A record whose key is not the task's: the log does not verify, and the patch is not shown.
    const file = path.join(env.XDG_STATE_HOME!, 'crosswind', 'cloud', 'tasks', `${taskId}.json`);
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as { auditKey: string };
    fs.writeFileSync(file, JSON.stringify({ ...record, auditKey: 'cd'.repeat(32) }));
    const forged = await cli(['cloud', 'result', taskId]);
    assert.equal(forged.code, 1);
    assert.match(forged.stderr, /not showing the patch: the audit log does not verify/);
    assert.doesNotMatch(forged.stdout, /diff --git/);
  });

  it('cancel stops a running task and --stop-session ends its runtime session', async () => {
    await deployed();
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'shell', input: { command: ['sleep', '300'], timeout_ms: 600_000 } }] },
      { steps: [{ type: 'text', text: 'never' }] },
    ]);
    const taskId = await runTask('Wait a long time', ['--approval', 'full-auto']);
    await waitUntil(
      async () => {
        const r = await cli(['cloud', 'events', taskId, '--json']);
        return r.stdout.includes('"commandExecution"') ? true : undefined;
      },
      30_000,
      'the command to start',
      500,
    );
    const r = await cli(['cloud', 'cancel', taskId, '--stop-session']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`${taskId}: cancelled`));
    assert.ok(agentcore.stopped.includes(`crosswind-${taskId}`));
  });

  it('says what AWS refused: a wrong secret, an unknown runtime, a bundle over the limit', async () => {
    const arn = await deployed();
    const wrong = await cli(['cloud', 'run', ...modelFlags(), 'hi'], { AWS_SECRET_ACCESS_KEY: 'not-the-secret-0000000000000000000000' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /InvokeAgentRuntime failed: InvalidSignatureException/);
    const unknown = await cli(['cloud', 'run', ...modelFlags(), '--runtime-arn', arn.replace(/runtime\/.*/, 'runtime/nope-0000000000'), 'hi']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /ResourceNotFoundException.*Check the runtime ARN/);
    fs.writeFileSync(path.join(repo, 'big.bin'), randomBytes(200_000)); // incompressible: the bundle stays ~200 KB
    const big = await cli(['cloud', 'run', ...modelFlags(), '--max-bundle-mb', '0.05', 'hi']);
    assert.equal(big.code, 1);
    assert.match(big.stderr, /the repository bundle is 0\.2 MB, over the 0\.05 MB limit/);
  });
});
