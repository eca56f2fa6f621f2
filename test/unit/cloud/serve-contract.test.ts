// `crosswind serve` as AgentCore Runtime drives it: a plain process on 127.0.0.1, GET /ping and POST
// /invocations with the session header, a task whose repository arrives as a git bundle, a loopback
// Bedrock (model and STS) behind it. What a dispatcher relies on: ping states, events in pages with
// contiguous seqs that are exactly `crosswind exec --json`'s, a patch that applies to the base, an audit
// log that verifies with the dispatcher's key and says who ran the task for whom, cancel, time-out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAuditLine, verifyAuditText } from '../../../src/core/audit';
import { bundleWorkspace } from '../../../src/host/cloud/repo-bundle';
import { nodeHasher } from '../../../src/host/node-hasher';
import type { CloudTaskEvent, CloudTaskEventsResult, CloudTaskResult } from '../../../src/protocol';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { SESSION_HEADER, startServe, waitUntil, type ServeProcess } from '../../support/serve-process';

const AWS = { accessKeyId: 'AKIDSERVECONTRACT001', secretAccessKey: 'serve/contract/secret/key/for/tests/01' };
const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/CrosswindAgentCoreRuntime/BedrockAgentCore-session';
const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', '*** Update File: math.js', '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();
}

/** A repository with a commit, an uncommitted change, a new file and an ignored one. */
function makeRepo(dir: string): string {
  const repo = path.join(dir, 'work');
  fs.mkdirSync(repo, { recursive: true });
  sh(repo, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(repo, 'math.js'), MATH.replace('a + b', 'a+b'));
  fs.writeFileSync(path.join(repo, '.gitignore'), '.env\n');
  sh(repo, 'add', '-A');
  sh(repo, 'commit', '-q', '-m', 'first');
  fs.writeFileSync(path.join(repo, 'math.js'), MATH); // uncommitted
  fs.writeFileSync(path.join(repo, 'notes.txt'), 'new, untracked\n');
  fs.writeFileSync(path.join(repo, '.env'), 'SECRET=do-not-send\n');
  return repo;
}

describe('crosswind serve: the AgentCore Runtime HTTP contract', function () {
  this.timeout(90_000);
  let bedrock: BedrockServer;
  let serve: ServeProcess | undefined;
  let dir: string;
  let repo: string;
  let env: Record<string, string>;
  const provider = () => ({ provider: 'bedrock', model: MODEL, region: 'us-east-1', endpoint: bedrock.url });
  const session = (id: string) => ({ [SESSION_HEADER]: `session-${id}-${'x'.repeat(24)}` });

  beforeEach(async () => {
    bedrock = await startBedrockServer({ credentials: AWS, region: 'us-east-1', identity: { arn: ROLE_ARN, account: '123456789012' } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-serve-'));
    repo = makeRepo(dir);
    env = {
      HOME: path.join(dir, 'home'),
      AWS_ACCESS_KEY_ID: AWS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: bedrock.url,
      AWS_ENDPOINT_URL_BEDROCK: bedrock.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  });
  afterEach(async () => {
    await serve?.stop();
    serve = undefined;
    await bedrock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(taskId: string, extra: Record<string, unknown> = {}) {
    const { bytes } = await bundleWorkspace(repo, taskId, { history: false });
    return serve!.invoke<{ taskId?: string; status?: string; error?: { code: string; message: string } }>(
      { action: 'start', taskId, prompt: 'Export a sum alias', repo: { bundle: bytes.toString('base64') }, approval: 'auto-edit', provider: provider(), ...extra },
      { ...session(taskId), 'X-Amzn-Bedrock-AgentCore-Runtime-User-Id': 'alice@example.com' },
    );
  }

  async function allEvents(taskId: string, limit: number): Promise<{ events: CloudTaskEvent[]; pages: number }> {
    const events: CloudTaskEvent[] = [];
    let after = 0;
    let pages = 0;
    for (let i = 0; i < 200; i++) {
      const r = await serve!.invoke<CloudTaskEventsResult>({ action: 'events', taskId, afterSeq: after, limit, waitSeconds: 2 }, session(taskId));
      pages++;
      events.push(...r.body.events);
      after = r.body.lastSeq;
      if (r.body.status !== 'running' && !r.body.more && r.body.events.length === 0) return { events, pages };
    }
    throw new Error('events did not end within 200 pages');
  }

  it('runs a task from a bundle: busy while it runs, exec events in pages, a patch for the base, an audit log that verifies', async () => {
    serve = await startServe({ env, args: ['--work-dir', path.join(dir, 'tasks')] });
    const idle = await serve.ping();
    assert.equal(idle.status, 'Healthy');
    assert.ok(Number.isInteger(idle.time_of_last_update) && Math.abs(idle.time_of_last_update - Date.now() / 1000) < 60, JSON.stringify(idle));

    // A slow stream keeps the task running long enough to see the busy state.
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1000, output: 50 }, delayMs: 300 },
      { steps: [{ type: 'text', text: 'Exported sum.' }], usage: { input: 1200, output: 10 } },
    ]);
    const key = randomBytes(32).toString('hex');
    const started = await start('task-one', { auditKey: key, requestedBy: 'arn:aws:iam::123456789012:user/alice' });
    assert.equal(started.status, 200);
    assert.deepEqual(started.body, { taskId: 'task-one', status: 'running' });
    const busy = await serve.ping();
    assert.equal(busy.status, 'HealthyBusy');
    assert.ok(busy.time_of_last_update >= idle.time_of_last_update);

    const { events, pages } = await allEvents('task-one', 2);
    assert.ok(pages > 3, `limit 2 should take several pages, took ${pages}`);
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
      'seqs are 1, 2, 3… with no gap or repeat across pages',
    );
    const types = events.map((e) => e.type);
    assert.equal(types[0], 'task.started');
    assert.equal(types[1], 'thread.started');
    assert.equal(types[types.length - 1], 'task.finished');
    assert.equal(types[types.length - 2], 'turn.completed');
    assert.ok(!types.some((t) => t.includes('/') || t === 'item.agentMessage.delta'), `exec --json types only: ${types.join(', ')}`);
    const taskStarted = events[0] as CloudTaskEvent & { identity: { runtimeIdentity: string; runtimeUserId: string; sessionId: string } };
    assert.equal(taskStarted.identity.runtimeIdentity, ROLE_ARN);
    assert.equal(taskStarted.identity.runtimeUserId, 'alice@example.com');
    const turnDone = events[types.length - 2] as CloudTaskEvent & { usage: { inputTokens: number }; cost: { usd: number } };
    assert.equal(turnDone.usage.inputTokens, 2200);

    const result = (await serve.invoke<CloudTaskResult>({ action: 'result', taskId: 'task-one' }, session('task-one'))).body;
    assert.equal(result.status, 'completed', JSON.stringify(result.error));
    assert.equal(result.costUsd, turnDone.cost.usd);
    assert.equal(result.auditKey, undefined, 'the key the dispatcher sent is never sent back');
    // The patch is against the base the bundle carried (HEAD + uncommitted changes), not against HEAD.
    assert.match(result.patch!, /^diff --git a\/math\.js b\/math\.js/m);
    assert.doesNotMatch(result.patch!, /notes\.txt|\.env/);
    execFileSync('git', ['apply', '--check', '-'], { cwd: repo, input: result.patch! });
    execFileSync('git', ['apply', '-'], { cwd: repo, input: result.patch! });
    assert.equal(fs.readFileSync(path.join(repo, 'math.js'), 'utf8'), MATH.replace('{ add }', '{ add, sum: add }'));

    // The audit log verifies with the dispatcher's key and its head; it opens with who ran it for whom.
    const verified = verifyAuditText(result.audit!, nodeHasher, { key, head: result.auditHead! });
    assert.ok(verified.ok, JSON.stringify(verified));
    const first = parseAuditLine(result.audit!.split('\n')[0]!);
    assert.ok(first.ok);
    assert.deepEqual(
      { ...first.record.event, promptSha256: undefined },
      {
        type: 'cloudTask',
        taskId: 'task-one',
        identity: ROLE_ARN,
        requestedBy: 'arn:aws:iam::123456789012:user/alice',
        runtimeUserId: 'alice@example.com',
        sessionId: session('task-one')[SESSION_HEADER],
        baseCommit: result.base!.commit,
        baseTree: result.base!.tree,
        approval: 'auto-edit',
        promptSha256: undefined,
      },
    );
    // Tampering with one record is caught; so is a log checked with another key.
    const edited = result.audit!.replace('"outcome":"ok"', '"outcome":"error"');
    assert.equal(verifyAuditText(edited, nodeHasher, { key, head: result.auditHead! }).ok, false);
    assert.equal(verifyAuditText(result.audit!, nodeHasher, { key: 'ab'.repeat(32), head: result.auditHead! }).ok, false);

    const after = await serve.ping();
    assert.equal(after.status, 'Healthy');
    assert.ok(after.time_of_last_update >= busy.time_of_last_update);
  });

  it('cancel stops a long task at once, and the command it was running ends with it', async function () {
    serve = await startServe({ env, args: ['--work-dir', path.join(dir, 'tasks')] });
    const marker = `cw-serve-cancel-${randomBytes(4).toString('hex')}`;
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'shell', input: { command: ['sh', '-c', `sleep 300 # ${marker}`], timeout_ms: 600_000 } }] },
      { steps: [{ type: 'text', text: 'never reached' }] },
    ]);
    await start('task-long', { approval: 'full-auto' });
    // Wait until the command is running.
    const commandStarted = await waitUntil(
      async () => {
        const r = await serve!.invoke<CloudTaskEventsResult>({ action: 'events', taskId: 'task-long', afterSeq: 0 }, session('task-long'));
        const started = r.body.events.find((e) => e.type === 'item.started' && (e.item as { type: string }).type === 'commandExecution');
        if (started) return started;
        if (r.body.status !== 'running') throw new Error(`the task ended before its command started: ${JSON.stringify(r.body.events.slice(-3))}`);
        return undefined;
      },
      30_000,
      'the sleep command to start',
    );
    assert.ok(commandStarted);
    const pgrep = () => {
      try {
        return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim();
      } catch {
        return '';
      }
    };
    await waitUntil(async () => (pgrep() ? true : undefined), 10_000, 'the command process');
    const t0 = Date.now();
    const cancel = await serve.invoke<{ status: string }>({ action: 'cancel', taskId: 'task-long' }, session('task-long'));
    assert.equal(cancel.status, 200);
    const result = await waitUntil(
      async () => {
        const r = (await serve!.invoke<CloudTaskResult>({ action: 'result', taskId: 'task-long' }, session('task-long'))).body;
        return r.status === 'running' ? undefined : r;
      },
      20_000,
      'the task to end after cancel',
    );
    assert.equal(result.status, 'cancelled');
    assert.ok(Date.now() - t0 < 10_000, `cancel took ${Date.now() - t0} ms`);
    // The task says cancelled as its turn is stopped; the command's process group is killed with it, which
    // the kernel finishes a moment later.
    await waitUntil(async () => (pgrep() === '' ? true : undefined), 5_000, 'the sleep command to end with its cancelled task');
    assert.equal((await serve.ping()).status, 'Healthy');
  });

  it('a task past its time limit is stopped and reported failed, saying so', async () => {
    serve = await startServe({ env, args: ['--work-dir', path.join(dir, 'tasks')] });
    bedrock.script([{ steps: [{ type: 'text', text: 'slow '.repeat(40), chunks: 40 }], delayMs: 200 }]);
    await start('task-slow', { timeoutSeconds: 1 });
    const result = await waitUntil(
      async () => {
        const r = (await serve!.invoke<CloudTaskResult>({ action: 'result', taskId: 'task-slow' }, session('task-slow'))).body;
        return r.status === 'running' ? undefined : r;
      },
      30_000,
      'the task to time out',
    );
    assert.equal(result.status, 'failed');
    assert.match(result.error!.message, /time limit \(1 s\)/);
  });

  it('refuses what it cannot run with a reason the dispatcher can show, and stays up', async () => {
    serve = await startServe({ env, args: ['--work-dir', path.join(dir, 'tasks')] });
    const bad = await serve.invoke<{ error: { code: string; message: string } }>({ action: 'start', taskId: 'x', prompt: '' });
    assert.equal(bad.status, 200);
    assert.equal(bad.body.error.code, 'invalidRequest');
    assert.match(bad.body.error.message, /prompt/);
    const unknown = await serve.invoke<{ error: { code: string; message: string } }>({ action: 'result', taskId: 'nope' });
    assert.equal(unknown.body.error.code, 'notFound');
    const notJson = await serve.invoke('{"action":', {});
    assert.equal(notJson.status, 400);
    // One task at a time by default: a second start while the first runs is refused as busy.
    bedrock.script([{ steps: [{ type: 'text', text: 'slow '.repeat(20), chunks: 20 }], delayMs: 100 }]);
    await start('task-a');
    const second = await start('task-b');
    assert.equal(second.body.error?.code, 'busy');
    // The same start again (a retried invocation) is the same task, not a second one.
    const again = await start('task-a');
    assert.deepEqual(again.body, { taskId: 'task-a', status: 'running' });
    // A local repository URL is refused unless the server allows local repositories.
    await waitUntil(async () => ((await serve!.ping()).status === 'Healthy' ? true : undefined), 30_000, 'task-a to end');
    const local = await serve.invoke<{ status: string }>({ action: 'start', taskId: 'task-url', prompt: 'hi', repo: { url: `file://${repo}` }, approval: 'read-only', provider: provider() });
    assert.equal(local.body.status, 'running');
    const refused = await waitUntil(
      async () => {
        const r = (await serve!.invoke<CloudTaskResult>({ action: 'result', taskId: 'task-url' })).body;
        return r.status === 'running' ? undefined : r;
      },
      20_000,
      'task-url to end',
    );
    assert.equal(refused.status, 'failed');
    assert.match(refused.error!.message, /--allow-local-repos/);
  });

  it('checks out a repository by URL and ref when allowed', async () => {
    serve = await startServe({ env, args: ['--work-dir', path.join(dir, 'tasks'), '--allow-local-repos'] });
    sh(repo, 'add', '-A');
    sh(repo, 'commit', '-q', '-m', 'second');
    sh(repo, 'tag', 'v1');
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const r = await serve.invoke<{ status: string }>({ action: 'start', taskId: 'task-url', prompt: 'Export sum', repo: { url: `file://${repo}`, ref: 'v1' }, approval: 'auto-edit', provider: provider() });
    assert.equal(r.body.status, 'running');
    const result = await waitUntil(
      async () => {
        const x = (await serve!.invoke<CloudTaskResult>({ action: 'result', taskId: 'task-url' })).body;
        return x.status === 'running' ? undefined : x;
      },
      30_000,
      'task-url to end',
    );
    assert.equal(result.status, 'completed', JSON.stringify(result.error));
    assert.equal(result.base!.commit, sh(repo, 'rev-parse', 'v1'));
    assert.match(result.patch!, /\+module\.exports = \{ add, sum: add \};/);
    // Without a key from the dispatcher, the server made one and says so: the log still verifies with it.
    assert.ok(result.auditKey);
    assert.ok(verifyAuditText(result.audit!, nodeHasher, { key: result.auditKey, head: result.auditHead! }).ok);
  });

  it('stops on SIGTERM, ending the task it was running', async () => {
    serve = await startServe({ env, args: ['--work-dir', path.join(dir, 'tasks')] });
    bedrock.script([{ steps: [{ type: 'text', text: 'slow '.repeat(100), chunks: 100 }], delayMs: 200 }]);
    await start('task-term');
    const code = await serve.stop();
    assert.equal(code, 0, serve.stderr());
    assert.match(serve.stderr(), /SIGTERM: stopping 1 running task/);
  });
});
