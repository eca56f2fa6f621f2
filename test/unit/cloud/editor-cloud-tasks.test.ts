// "Run in the cloud" as the editor's engine process does it: the engine's cloudTask/* handlers over a real
// Engine (real files in a git workspace, thread store, patch manager), dispatching with the real
// @aws-sdk/client-bedrock-agentcore client to the loopback AgentCore (SigV4 checked) that forwards to a
// real `crosswind serve` process, whose model is the scripted loopback Bedrock. What a user would see:
// the task's thread fills with its items, the Cloud Tasks entry ends completed with a cost, the patch is a
// pending patch whose hunk is the task's change — and nothing is written until it is accepted; a
// workspace that moved on gets a merge to review or a refusal naming the file; a log that does not
// verify shows no patch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inProcessClient } from '../../../src/core/engine/engine-client';
import type { Engine } from '../../../src/core/engine/engine';
import { createNodeEngine } from '../../../src/host/node-engine';
import { createLogger, systemClock } from '../../../src/host/system';
import { deployRuntime } from '../../../src/providers/agentcore/runtime-deploy';
import { ProviderModelClientFactory } from '../../../src/providers/factory';
import { EngineSettings, type CloudTaskView, type EngineNotification, type ItemOf, type Thread } from '../../../src/protocol';
import { CloudTasks } from '../../../src/server/cloud/cloud-tasks';
import { cloudTaskHandlers } from '../../../src/server/handlers/cloud-task';
import type { HandlerContext } from '../../../src/server/handlers/handler';
import { startAgentCoreServer, type AgentCoreServer } from '../../support/agentcore-server';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { unexpected } from '../../support/engine-harness';
import { startServe, waitUntil, type ServeProcess } from '../../support/serve-process';

const AWS = { accessKeyId: 'AKIDEDITORCLOUD00001', secretAccessKey: 'editor/cloud/secret/key/for/tests/0001' };
const ROLE = 'arn:aws:sts::123456789012:assumed-role/CrosswindDeveloper/alice';
const MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\n// helpers\n\n\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', '*** Update File: math.js', '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();
}

describe('cloud tasks from the editor: the engine dispatches to AgentCore and reviews the patch', function () {
  this.timeout(120_000);
  let bedrock: BedrockServer;
  let agentcore: AgentCoreServer;
  let serve: ServeProcess;
  let dir: string;
  let runtimeArn: string;
  let awsEnv: Record<string, string>;

  before(async () => {
    bedrock = await startBedrockServer({ credentials: AWS, region: 'us-east-1', identity: { arn: ROLE, account: '123456789012' } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-editor-cloud-'));
    awsEnv = { AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_STS: bedrock.url, AWS_EC2_METADATA_DISABLED: 'true' };
    serve = await startServe({ env: { ...awsEnv, HOME: path.join(dir, 'runtime-home') }, args: ['--work-dir', path.join(dir, 'runtime-tasks'), '--max-tasks', '4'] });
    agentcore = await startAgentCoreServer({ credentials: AWS, region: 'us-east-1', container: () => serve.url, settleMs: 0 });
    const deployed = await deployRuntime(
      { ...awsEnv, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: agentcore.controlUrl },
      { region: 'us-east-1', name: 'crosswind', imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/crosswind:0.1.0', roleArn: 'arn:aws:iam::123456789012:role/CrosswindAgentCoreRuntime' },
    );
    runtimeArn = deployed.runtimeArn;
  });
  after(async () => {
    await serve.stop();
    await agentcore.close();
    await bedrock.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  interface Editor {
    base: string;
    workspace: string;
    engine: Engine;
    cloud: CloudTasks;
    ctx: HandlerContext;
    events: EngineNotification[];
    updates: CloudTaskView[];
    thread(id: string): Promise<Thread>;
  }

  let editor: Editor;

  /** The editor's engine and its cloud tasks over `base` (its state folder) and `workspace`: made again to restart. */
  async function makeEditor(base: string, workspace: string): Promise<Editor> {
    const events: EngineNotification[] = [];
    const updates: CloudTaskView[] = [];
    const logger = createLogger(() => undefined);
    const env = { ...awsEnv, HOME: path.join(base, 'home'), PATH: process.env.PATH ?? '' };
    const { engine } = createNodeEngine({
      root: workspace,
      stateDir: path.join(base, 'state'),
      ripgrepPath: null,
      env,
      logger,
      client: inProcessClient((method, params) => void events.push({ method, params } as EngineNotification), {
        'item/command/requestApproval': unexpected('item/command/requestApproval'),
        'auth/secret': unexpected('auth/secret'),
        'auth/token': unexpected('auth/token'),
        'document/save': unexpected('document/save'),
        'mcp/authorize': unexpected('mcp/authorize'),
        'mcp/oauthLoad': unexpected('mcp/oauthLoad'),
        'mcp/oauthSave': unexpected('mcp/oauthSave'),
      }),
      models: new ProviderModelClientFactory({ env, logger, clock: systemClock }),
    });
    await engine.init();
    engine.updateSettings(
      EngineSettings.parse({
        approvalPolicy: 'read-only',
        profiles: [{ name: 'bedrock-test', provider: 'bedrock', model: MODEL, region: 'us-east-1', auth: { type: 'chain' }, endpoint: bedrock.url }],
        activeProfile: 'bedrock-test',
        // The data plane through the setting (as a VPC endpoint would be), not the environment.
        cloud: { runtimeArn, endpoint: agentcore.dataUrl },
      }),
    );
    const cloud = new CloudTasks({ engine, root: workspace, storageDir: path.join(base, 'state'), env, notify: (t) => updates.push(t), pollSeconds: 2 });
    const ctx = { engine, cloud } as unknown as HandlerContext;
    return { base, workspace, engine, cloud, ctx, events, updates, thread: (id) => engine.resumeThread(id) };
  }

  beforeEach(async () => {
    const base = fs.mkdtempSync(path.join(dir, 'editor-'));
    const workspace = path.join(base, 'ws');
    fs.mkdirSync(workspace);
    git(workspace, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(workspace, 'math.js'), MATH.replace('a + b', 'a+b'));
    git(workspace, 'add', '-A');
    git(workspace, 'commit', '-q', '-m', 'first');
    fs.writeFileSync(path.join(workspace, 'math.js'), MATH); // uncommitted: the task must see it
    editor = await makeEditor(base, workspace);
  });

  async function run(text: string): Promise<CloudTaskView> {
    const { task } = await cloudTaskHandlers['cloudTask/start']({ text }, editor.ctx);
    await editor.cloud.settled();
    return (await cloudTaskHandlers['cloudTask/list']({}, editor.ctx)).tasks.find((t) => t.taskId === task.taskId)!;
  }

  const fileChanges = (thread: Thread) => thread.items.filter((i): i is ItemOf<'fileChange'> => i.type === 'fileChange');

  it('runs a task: its events become the thread items, and its verified patch a pending patch applied only on Accept', async () => {
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1000, output: 50 } },
      { steps: [{ type: 'text', text: 'Exported sum.' }], usage: { input: 1200, output: 10 } },
    ]);
    const { task: started } = await cloudTaskHandlers['cloudTask/start']({ text: 'Export a sum alias' }, editor.ctx);
    assert.equal(started.status, 'running');
    assert.equal(started.title, 'Export a sum alias');
    // The prompt is in the task's thread at once, as the user's message.
    const early = await editor.thread(started.threadId);
    assert.equal(early.items[0]?.type, 'userMessage');
    await editor.cloud.settled();

    const task = (await cloudTaskHandlers['cloudTask/list']({}, editor.ctx)).tasks[0]!;
    assert.equal(task.taskId, started.taskId);
    assert.equal(task.status, 'completed');
    assert.ok(task.costUsd !== null && task.costUsd > 0, `a cost so far: ${task.costUsd}`);
    assert.equal(task.review.state, 'proposed');
    assert.deepEqual(
      editor.updates.filter((u) => u.taskId === task.taskId).map((u) => u.status).filter((s, i, all) => s !== all[i - 1]),
      ['running', 'completed'],
    );

    const thread = await editor.thread(task.threadId);
    assert.match(thread.title, /Export a sum alias/);
    const answer = thread.items.find((i) => i.type === 'agentMessage');
    assert.equal(answer?.type === 'agentMessage' && answer.text, 'Exported sum.');
    assert.ok(thread.items.some((i) => i.type === 'notice' && /In the cloud task's checkout, patch applied: M math\.js/.test(i.message)));
    assert.equal(thread.turns.length, 1);
    assert.equal(thread.turns[0]!.status, 'completed');
    assert.ok((thread.turns[0]!.cost.usd ?? 0) > 0);
    // The item events went out as for a local turn (the sidebar folds these).
    assert.ok(editor.events.some((e) => e.method === 'item/completed' && e.params.threadId === task.threadId && e.params.item.type === 'agentMessage'));

    const [change] = fileChanges(thread);
    assert.ok(change, 'a patch card');
    assert.equal(change.patch.status, 'pending');
    assert.match(change.reviewReason ?? '', /From cloud task task-[0-9a-f]{24} \(audit log verified: \d+ records\)/);
    assert.equal(change.patch.files.length, 1);
    assert.equal(change.patch.files[0]!.path, 'math.js');
    const hunk = change.patch.files[0]!.hunks[0]!;
    assert.ok(hunk.lines.some((l) => l === '+module.exports = { add, sum: add };'), JSON.stringify(hunk.lines));
    assert.ok(hunk.lines.some((l) => l === '-module.exports = { add };'));
    assert.equal(fs.readFileSync(path.join(editor.workspace, 'math.js'), 'utf8'), MATH, 'nothing written before Accept');

    const { patch } = await editor.engine.applyPatch(task.threadId, change.patch.id);
    assert.equal(patch.status, 'applied');
    assert.equal(fs.readFileSync(path.join(editor.workspace, 'math.js'), 'utf8'), MATH.replace('{ add }', '{ add, sum: add }'));
  });

  it('merges into a workspace that moved on elsewhere in the file (a proposal, not a write), and refuses one that changed the same lines', async () => {
    const edited = '// edited meanwhile\n' + MATH;
    bedrock.script([
      // The user edits the file while the task runs (its bundle is already sent).
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], expect: () => fs.writeFileSync(path.join(editor.workspace, 'math.js'), edited) },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const merged = await run('Export a sum alias');
    assert.equal(merged.review.state, 'proposed');
    assert.ok(merged.review.state === 'proposed' && merged.review.merged);
    const [change] = fileChanges(await editor.thread(merged.threadId));
    assert.match(change!.reviewReason ?? '', /merged into your changes to math\.js/);
    assert.equal(fs.readFileSync(path.join(editor.workspace, 'math.js'), 'utf8'), edited, 'the merge is a proposal: nothing written');
    await editor.engine.applyPatch(merged.threadId, change!.patch.id);
    assert.equal(fs.readFileSync(path.join(editor.workspace, 'math.js'), 'utf8'), edited.replace('{ add }', '{ add, sum: add }'));

    // Now the user rewrites the very line the task changes.
    fs.writeFileSync(path.join(editor.workspace, 'math.js'), MATH);
    const conflicting = MATH.replace('module.exports = { add };', 'module.exports = { add, plus: add };');
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], expect: () => fs.writeFileSync(path.join(editor.workspace, 'math.js'), conflicting) },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const refused = await run('Export a sum alias');
    assert.equal(refused.status, 'completed');
    assert.equal(refused.review.state, 'refused');
    assert.deepEqual(refused.review.state === 'refused' && refused.review.changed, ['math.js']);
    const thread = await editor.thread(refused.threadId);
    assert.equal(fileChanges(thread).length, 0, 'no patch card');
    const card = thread.items.find((i) => i.type === 'error');
    assert.ok(card?.type === 'error');
    assert.match(card.error.message, /Not applying the cloud task's patch: .*Changed since the task started: math\.js\./);
    assert.equal(fs.readFileSync(path.join(editor.workspace, 'math.js'), 'utf8'), conflicting, 'nothing written');

    // Opened again with a log that does not verify (this machine's key is not the task's): no patch.
    const file = path.join(editor.workspace, '..', 'state', 'cloud-tasks', `${refused.taskId}.json`);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { record: { auditKey: string } };
    stored.record.auditKey = 'cd'.repeat(32);
    fs.writeFileSync(file, JSON.stringify(stored));
    fs.writeFileSync(path.join(editor.workspace, 'math.js'), MATH); // the workspace matches again: only the log stands in the way
    const { task: forged } = await cloudTaskHandlers['cloudTask/review']({ taskId: refused.taskId }, editor.ctx);
    assert.equal(forged.review.state, 'unverified');
    assert.match(forged.review.state === 'unverified' ? forged.review.message : '', /Not showing the cloud task's patch: the audit log does not verify/);
    const after = await editor.thread(refused.threadId);
    assert.equal(fileChanges(after).length, 0);
    assert.ok(after.items.some((i) => i.type === 'error' && /audit log does not verify/.test(i.error.message)));
  });

  it('Stop in the task thread cancels the task where it runs; its turn ends interrupted and the list says cancelled', async () => {
    editor.engine.updateSettings(EngineSettings.parse({ ...editor.engine.currentSettings, cloud: { ...editor.engine.currentSettings.cloud, approval: 'full-auto' } }));
    bedrock.script([
      // Nothing after it: the task is cancelled during the command, and an entry left queued would answer the next test.
      { steps: [{ type: 'toolCall', name: 'shell', input: { command: ['sleep', '300'], timeout_ms: 600_000 } }] },
    ]);
    const { task } = await cloudTaskHandlers['cloudTask/start']({ text: 'Wait a long time' }, editor.ctx);
    await waitUntil(
      async () => (editor.events.some((e) => e.method === 'item/started' && e.params.threadId === task.threadId && e.params.item.type === 'commandExecution') ? true : undefined),
      30_000,
      'the command to start in the cloud',
      200,
    );
    await editor.engine.interruptTurn(task.threadId);
    await editor.cloud.settled();
    const thread = await editor.thread(task.threadId);
    assert.equal(thread.turns[0]!.status, 'interrupted');
    const listed = (await cloudTaskHandlers['cloudTask/list']({}, editor.ctx)).tasks.find((t) => t.taskId === task.taskId)!;
    assert.equal(listed.status, 'cancelled');
    assert.equal(fileChanges(thread).length, 0);
  });

  it('leaves a running task running when the editor closes; the next engine watches it to its end and proposes its patch', async () => {
    assert.equal(bedrock.pending(), 0, 'no answer left queued by an earlier test');
    bedrock.script([
      // Slow enough that the editor closes while the task works.
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], delayMs: 1500 },
      { steps: [{ type: 'text', text: 'Exported sum.' }] },
    ]);
    const { task } = await cloudTaskHandlers['cloudTask/start']({ text: 'Export a sum alias' }, editor.ctx);
    // The editor closes: the engine stops without waiting on the task (bounded here), and does not cancel it.
    editor.cloud.shutdown();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([editor.engine.shutdown(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the engine did not stop: it waited on the cloud task')), 15_000)))]).finally(() => clearTimeout(timer));
    await editor.cloud.settled();

    const next = await makeEditor(editor.base, editor.workspace);
    const listed = (await cloudTaskHandlers['cloudTask/list']({}, next.ctx)).tasks.find((t) => t.taskId === task.taskId)!;
    assert.equal(listed.status, 'running', 'still running in the cloud');
    await next.cloud.settled();
    const done = (await cloudTaskHandlers['cloudTask/list']({}, next.ctx)).tasks.find((t) => t.taskId === task.taskId)!;
    assert.equal(done.status, 'completed', 'the task was not cancelled by the editor closing');
    assert.equal(done.review.state, 'proposed');
    const thread = await next.thread(task.threadId);
    assert.equal(thread.turns[0]!.status, 'interrupted');
    assert.ok(thread.items.some((i) => i.type === 'notice' && /restarted while this task ran in the cloud/.test(i.message)));
    const [change] = fileChanges(thread);
    assert.equal(change?.patch.status, 'pending');
    assert.ok(change.patch.files[0]!.hunks[0]!.lines.includes('+module.exports = { add, sum: add };'));
    assert.equal(fs.readFileSync(path.join(editor.workspace, 'math.js'), 'utf8'), MATH, 'nothing written before Accept');
    await next.engine.shutdown();
  });

  it('says why it cannot run: no runtime configured, Restricted Mode', async () => {
    editor.engine.updateSettings(EngineSettings.parse({ ...editor.engine.currentSettings, cloud: { approval: 'auto-edit' } }));
    await assert.rejects(cloudTaskHandlers['cloudTask/start']({ text: 'hi' }, editor.ctx), /No cloud runtime is configured: set crosswind\.cloud\.runtimeArn/);
    editor.engine.updateSettings(EngineSettings.parse({ ...editor.engine.currentSettings, trusted: false, cloud: { runtimeArn } }));
    await assert.rejects(cloudTaskHandlers['cloudTask/start']({ text: 'hi' }, editor.ctx), /Restricted Mode/);
    assert.deepEqual((await cloudTaskHandlers['cloudTask/list']({}, editor.ctx)).tasks, []);
  });
});
