// Run in the cloud, clicked in the workbench: the packaged extension in code-server, its engine calling a
// loopback AgentCore (the real SDK client, SigV4 checked) that forwards to a real `crosswind serve`
// process whose model is the loopback Bedrock. The user types a task, clicks the cloud button, watches the
// Cloud tasks row finish and the task's answer arrive in the conversation, and accepts its patch card.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { deployRuntime } from '../../../src/providers/agentcore/runtime-deploy';
import { startAgentCoreServer, type AgentCoreServer } from '../../support/agentcore-server';
import { scratchDir } from '../../support/code-server';
import { startServe, type ServeProcess } from '../../support/serve-process';
import { Workbench } from './workbench';

/** The loopback Bedrock's credentials (workbench.ts): the editor's engine signs with them, and so does the runtime. */
const CREDS = { accessKeyId: 'AKIDWORKBENCHE2E0001', secretAccessKey: 'workbench/e2e/secret/key/000000000001' };
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', '*** Update File: math.js', '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

describe('Crosswind in the workbench: Run in the cloud', () => {
  let wb: Workbench | undefined;
  let serve: ServeProcess | undefined;
  let agentcore: AgentCoreServer | undefined;
  let runtimeDir: string | undefined;
  before(async () => {
    const aws = { AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
    runtimeDir = scratchDir('wb-runtime-');
    serve = await startServe({ env: { ...aws, HOME: path.join(runtimeDir, 'home') }, args: ['--work-dir', path.join(runtimeDir, 'tasks')] });
    const container = serve.url;
    agentcore = await startAgentCoreServer({ credentials: CREDS, region: 'us-east-1', container: () => container, settleMs: 0 });
    const { runtimeArn } = await deployRuntime(
      { ...aws, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: agentcore.controlUrl },
      { region: 'us-east-1', name: 'crosswind', imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/crosswind:0.1.0', roleArn: 'arn:aws:iam::123456789012:role/CrosswindAgentCoreRuntime' },
    );
    wb = await Workbench.start({
      cloud: 'bedrock',
      name: 'cloud',
      files: { 'math.js': MATH },
      prepare: (ws) => {
        git(ws, 'init', '-q', '-b', 'main');
        git(ws, 'add', '-A');
        git(ws, 'commit', '-q', '-m', 'first');
      },
      machineSettings: { 'crosswind.cloud.runtimeArn': runtimeArn, 'crosswind.cloud.endpoint': agentcore.dataUrl },
    });
  });
  after(async () => {
    await wb?.close();
    await serve?.stop();
    await agentcore?.close();
    if (runtimeDir) fs.rmSync(runtimeDir, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot('failed');
  });

  it('a task typed in the sidebar runs in the cloud, its row finishes, its answer and patch card arrive, and Accept all applies it', async () => {
    wb!.cloud.script([
      { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1000, output: 50 } },
      { steps: [{ type: 'text', text: 'Exported sum from the cloud.' }], usage: { input: 1200, output: 10 } },
    ]);
    const view = await wb!.openSidebar();
    await view.getByRole('textbox', { name: 'Message Crosswind' }).fill('Export a sum alias');
    const cloudButton = view.getByRole('button', { name: 'Run in the cloud' });
    await cloudButton.click({ timeout: 30_000 });

    const row = view.getByRole('region', { name: 'Cloud tasks' }).getByRole('listitem').first();
    await row.waitFor({ timeout: 30_000 });
    assert.match((await row.textContent()) ?? '', /Export a sum alias/);
    await wb!.screenshot('cloud-task-listed');
    await view.locator('.cloud-task[data-status="completed"][data-review="proposed"]').waitFor({ timeout: 90_000 });
    assert.match((await row.textContent()) ?? '', /finished · .* · \$\d[\d.]* · patch to review/);
    await view.locator('.agent-message', { hasText: 'Exported sum from the cloud.' }).waitFor();

    const card = view.locator('.patch-card');
    await card.locator('[data-status="pending"]').waitFor({ timeout: 30_000 });
    await card.scrollIntoViewIfNeeded();
    await wb!.screenshot('cloud-patch-card');
    assert.equal(wb!.read('math.js'), MATH, 'nothing written before Accept');
    await card.getByRole('button', { name: 'Accept all' }).click();
    await wb!.fileBecomes('math.js', MATH.replace('{ add }', '{ add, sum: add }'));
  });
});
