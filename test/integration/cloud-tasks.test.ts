// "Run in the cloud" in a real VS Code: the sidebar's controller dispatches the composer's text as a
// cloud task — the engine process signs with the AWS credentials of the editor's environment and calls
// the loopback AgentCore (the real @aws-sdk/client-bedrock-agentcore client, SigV4 checked), which
// forwards to a real `crosswind serve` process on a loopback Bedrock. The sidebar shows the task's
// thread; its events arrive as items; its patch arrives as a pending patch card, the file untouched
// until Accept applies it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import type { CloudTaskView, EngineNotification } from '../../src/protocol';
import { deployRuntime } from '../../src/providers/agentcore/runtime-deploy';
import { startAgentCoreServer, type AgentCoreServer } from '../support/agentcore-server';
import { startBedrockServer, type BedrockServer } from '../support/bedrock-server';
import { startServe, type ServeProcess } from '../support/serve-process';
import { crosswind, waitFor } from './helpers';
import { setWorkspaceSettings } from './loopback-bedrock';

const AWS = { accessKeyId: 'AKIDCLOUDINTEGRATION', secretAccessKey: 'cloud/integration/secret/key/00000001' };
const ROLE = 'arn:aws:sts::123456789012:assumed-role/CrosswindDeveloper/it';
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', '*** Update File: cloud-math.js', '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();
}

async function restartEngine(services: ExtensionServices): Promise<void> {
  await services.engine.restart();
  await waitFor('the engine to run again', () => services.engine.state === 'running', 30_000);
}

describe('Cloud tasks from the sidebar', function () {
  this.timeout(180_000);
  let services: ExtensionServices;
  let bedrock: BedrockServer;
  let agentcore: AgentCoreServer;
  let serve: ServeProcess;
  let scratch: string;
  let folder: string;
  const savedEnv: Record<string, string | undefined> = {};
  const events: EngineNotification[] = [];
  let listening: vscode.Disposable | undefined;

  before(async () => {
    services = (await crosswind()).services;
    await services.engine.ready();
    folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-it-cloud-'));
    bedrock = await startBedrockServer({ credentials: AWS, region: 'us-east-1', identity: { arn: ROLE, account: '123456789012' } });
    const aws = { AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_STS: bedrock.url, AWS_EC2_METADATA_DISABLED: 'true' };
    serve = await startServe({ root: services.context.extensionPath, env: { ...aws, HOME: path.join(scratch, 'runtime-home') }, args: ['--work-dir', path.join(scratch, 'runtime-tasks')] });
    agentcore = await startAgentCoreServer({ credentials: AWS, region: 'us-east-1', container: () => serve.url, settleMs: 0 });
    const { runtimeArn } = await deployRuntime(
      { ...aws, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: agentcore.controlUrl },
      { region: 'us-east-1', name: 'crosswind', imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/crosswind:0.1.0', roleArn: 'arn:aws:iam::123456789012:role/CrosswindAgentCoreRuntime' },
    );
    // The workspace is a git repository (the task starts from one), with the file the task will change.
    git(folder, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(folder, 'cloud-math.js'), MATH);
    git(folder, 'add', '-A');
    git(folder, 'commit', '-q', '-m', 'fixture');
    // The AWS credentials come from the editor's environment (the credential chain), never from settings.
    for (const [k, v] of Object.entries(aws)) {
      savedEnv[k] = process.env[k];
      process.env[k] = v;
    }
    await restartEngine(services);
    listening = services.engine.onNotification((n) => void events.push(n));
    await setWorkspaceSettings({
      'crosswind.activeProfile': 'it-cloud',
      'crosswind.profiles': [{ name: 'it-cloud', provider: 'bedrock', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1', endpoint: bedrock.url, auth: { type: 'chain' } }],
    });
    // Where tasks go is a user setting (a workspace must not redirect the code).
    const c = vscode.workspace.getConfiguration('crosswind');
    await c.update('cloud.runtimeArn', runtimeArn, vscode.ConfigurationTarget.Global);
    await c.update('cloud.endpoint', agentcore.dataUrl, vscode.ConfigurationTarget.Global);
    await waitFor('Run in the cloud to be available', () => services.conversation.status().cloudUnavailable === undefined);
  });

  after(async () => {
    listening?.dispose();
    const c = vscode.workspace.getConfiguration('crosswind');
    await c.update('cloud.runtimeArn', undefined, vscode.ConfigurationTarget.Global);
    await c.update('cloud.endpoint', undefined, vscode.ConfigurationTarget.Global);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await restartEngine(services);
    fs.rmSync(path.join(folder, '.git'), { recursive: true, force: true });
    fs.rmSync(path.join(folder, 'cloud-math.js'), { force: true });
    await serve?.stop();
    await agentcore?.close();
    await bedrock?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('is disabled, saying why, until a runtime is configured', async () => {
    const c = vscode.workspace.getConfiguration('crosswind');
    const arn = c.get<string>('cloud.runtimeArn');
    await c.update('cloud.runtimeArn', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('the reason', () => /No cloud runtime is configured: set crosswind\.cloud\.runtimeArn/.test(services.conversation.status().cloudUnavailable ?? ''));
    await c.update('cloud.runtimeArn', arn, vscode.ConfigurationTarget.Global);
    await waitFor('Run in the cloud to be available again', () => services.conversation.status().cloudUnavailable === undefined);
  });

  it('dispatches from the sidebar, streams its events into the task thread, and Accept applies its patch', async () => {
    bedrock.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1000, output: 50 } },
      { steps: [{ type: 'text', text: 'Exported sum from the cloud.' }], usage: { input: 1200, output: 10 } },
    ]);
    await services.conversation.handlers()['cloudTask/start']({ text: 'Export a sum alias' });
    const started = events.find((e): e is Extract<EngineNotification, { method: 'cloudTask/updated' }> => e.method === 'cloudTask/updated')?.params.task;
    assert.ok(started, 'the Cloud Tasks list was told');
    assert.equal(services.conversation.activeThreadId, started.threadId, "the sidebar shows the task's thread");

    const answer = await waitFor(
      'the agent message from the cloud',
      () => events.find((e) => e.method === 'item/completed' && e.params.threadId === started.threadId && e.params.item.type === 'agentMessage'),
      60_000,
    );
    assert.ok(answer.method === 'item/completed' && answer.params.item.type === 'agentMessage' && answer.params.item.text === 'Exported sum from the cloud.');

    const pending = await waitFor('the patch card', () => services.review.pending().find((p) => p.threadId === started.threadId), 60_000);
    assert.equal(pending.view.status, 'pending');
    assert.deepEqual(pending.view.files.map((f) => f.path), ['cloud-math.js']);
    assert.ok(pending.view.files[0]!.hunks[0]!.lines.includes('+module.exports = { add, sum: add };'));
    assert.equal(fs.readFileSync(path.join(folder, 'cloud-math.js'), 'utf8'), MATH, 'nothing written before Accept');
    const finished = await waitFor('the task to be listed as finished', () =>
      [...events].reverse().find((e): e is Extract<EngineNotification, { method: 'cloudTask/updated' }> => e.method === 'cloudTask/updated' && e.params.task.review.state === 'proposed')?.params.task,
    );
    assert.equal((finished as CloudTaskView).status, 'completed');
    assert.ok(((finished as CloudTaskView).costUsd ?? 0) > 0);

    // Accept on the card (the sidebar's patch/apply, in the shown thread).
    await services.conversation.handlers()['patch/apply']({ patchId: pending.view.id });
    await waitFor('the file to hold the task change', () => fs.readFileSync(path.join(folder, 'cloud-math.js'), 'utf8') === MATH.replace('{ add }', '{ add, sum: add }'));
  });
});
