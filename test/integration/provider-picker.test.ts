// "Crosswind: Select Provider…" in a real VS Code, answered by a script: AWS profiles read from the shared
// files, a Bedrock API key kept in SecretStorage (never in settings), profiles written to the chosen
// scope, Test connection against a loopback Bedrock (the caller's ARN and the round trip, or the exact
// fix with a button that runs it), switching, deleting, and the status bar following the active profile.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PickerResult } from '../../src/extension/providers/provider-picker';
import type { ExtensionServices } from '../../src/extension/services';
import { startBedrockServer, type BedrockServer } from '../support/bedrock-server';
import { startOpenAIServer } from '../support/openai-server';
import { crosswind, waitFor } from './helpers';
import { nthModel, ScriptedPicker } from '../support/scripted-picker';

const AWS = { accessKeyId: 'AKIDPICKERTEST000001', secretAccessKey: 'picker/test/secret/key/000000000000000001' };
const ARN = 'arn:aws:sts::111122223333:assumed-role/Developer/alice';
const API_KEY = 'ABSKcGlja2VyLXRlc3QtYXBpLWtleS0wMDAwMDAwMQ';
const AZURE_KEY = 'azure-picker-key-0123456789abcdef0123';

const AWS_CONFIG = `[default]
region = eu-west-1

[profile dev-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;

/** What the engine process must see: it inherits the extension host's environment when it (re)starts. */
function awsEnv(server: BedrockServer, dir: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: AWS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
    AWS_ENDPOINT_URL: server.url,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
  };
}

function crosswindConfig() {
  return vscode.workspace.getConfiguration('crosswind');
}

function savedProfile(scope: 'user' | 'workspace', name: string): Record<string, unknown> | undefined {
  const inspected = crosswindConfig().inspect<Record<string, unknown>[]>('profiles');
  return (scope === 'user' ? inspected?.globalValue : inspected?.workspaceValue)?.find((p) => p.name === name);
}

async function select(ui: ScriptedPicker, command = 'crosswind.selectProvider', ...args: unknown[]): Promise<PickerResult> {
  const result = await vscode.commands.executeCommand<PickerResult>(command, ...args, ui);
  assert.deepEqual(ui.unanswered, [], `the picker asked steps the script did not answer: ${ui.unanswered.join(', ')}`);
  return result;
}

/** Sends a quick-input command (accept, close) until the picker that `running` shows has answered. */
async function driveQuickInput<T>(running: Thenable<T>, command: string): Promise<T> {
  let done = false;
  const result = Promise.resolve(running).finally(() => (done = true));
  for (let i = 0; i < 50 && !done; i++) {
    await new Promise((r) => setTimeout(r, 200));
    if (!done) await vscode.commands.executeCommand(command);
  }
  return result;
}

async function restartEngine(services: ExtensionServices): Promise<void> {
  await services.engine.restart();
  await waitFor('the engine to run again', () => services.engine.state === 'running', 30_000);
}

describe('Provider picker, connection test and status bar', function () {
  this.timeout(120_000);
  let services: ExtensionServices;
  let server: BedrockServer;
  let dir: string;
  const savedEnv: Record<string, string | undefined> = {};
  let models: string[] = [];

  before(async () => {
    services = (await crosswind()).services;
    server = await startBedrockServer({ credentials: AWS, region: 'us-east-1', bearerToken: API_KEY, identity: { arn: ARN, account: '111122223333' } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-aws-'));
    fs.writeFileSync(path.join(dir, 'config'), AWS_CONFIG);
    fs.writeFileSync(path.join(dir, 'credentials'), '[ci]\naws_access_key_id = AKIDCREDENTIALSFILE1\naws_secret_access_key = not/used/in/these/tests\n');
    for (const [k, v] of Object.entries(awsEnv(server, dir))) {
      savedEnv[k] = process.env[k];
      process.env[k] = v;
    }
    await restartEngine(services);
  });

  after(async () => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (const name of ['it-picker-key', 'it-picker-env', 'it-picker-sso', 'it-picker-azure', 'it-picker-openai']) {
      for (const scope of ['user', 'workspace'] as const) {
        if (savedProfile(scope, name)) await vscode.commands.executeCommand('crosswind.deleteProfile', name, new ScriptedPicker({}, () => 'Delete'));
      }
    }
    for (const t of vscode.window.terminals) if (t.name === 'Crosswind: fix') t.dispose();
    await restartEngine(services);
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers the AWS profiles of ~/.aws/config and ~/.aws/credentials, IAM Identity Center ones marked, and saves nothing when dismissed', async () => {
    const ui = new ScriptedPicker({ profiles: 'add', cloud: 'bedrock', auth: [] });
    const result = await vscode.commands.executeCommand<PickerResult>('crosswind.selectProvider', ui);
    assert.deepEqual(result, { action: 'added', result: { saved: false } });
    const auth = ui.step('auth')?.options ?? [];
    const byId = new Map(auth.map((o) => [o.id, o]));
    assert.match(byId.get('aws:dev-sso')?.description ?? '', /IAM Identity Center/);
    assert.match(byId.get('aws:default')?.description ?? '', /eu-west-1/);
    assert.ok(byId.has('aws:ci'), 'a profile only in the credentials file is offered');
    assert.ok(!byId.has('aws:corp') && !auth.some((o) => o.id.includes('sso-session')), 'sso-session sections are not profiles');
    assert.ok(byId.has('env') && byId.has('apiKey'));
    assert.equal(auth[0]?.id, 'aws:default', 'default first');
  });

  it('keeps a Bedrock API key in SecretStorage only, writes the profile to workspace settings, and Test connection names the key and the round trip', async () => {
    const ui = new ScriptedPicker({ profiles: 'add', cloud: 'bedrock', auth: 'apiKey', apiKey: API_KEY, region: 'us-east-1', bedrockEndpoint: '', model: nthModel(0), name: 'it-picker-key', scope: 'workspace' });
    const result = await select(ui);
    assert.equal(result.action, 'added');
    assert.ok(result.action === 'added' && result.result.saved);
    const { profile, scope, test } = result.result;
    assert.equal(scope, 'workspace');

    // The models came from the cloud, listed with the draft before anything was saved.
    models = (ui.step('model')?.options ?? []).filter((o) => o.id.startsWith('model:')).map((o) => o.id.slice(6));
    assert.ok(models.length >= 2, `models listed: ${models.join(', ')}`);
    assert.ok(models.some((m) => m.includes('claude-sonnet-4-5')));

    const saved = savedProfile('workspace', 'it-picker-key') as { auth: { type: string; secretId?: string }; model: string; region: string };
    assert.ok(saved, 'the profile is in the workspace settings');
    assert.equal(savedProfile('user', 'it-picker-key'), undefined, 'and not in the user settings');
    assert.equal(saved.auth.type, 'apiKey');
    assert.ok(saved.auth.secretId, 'the profile names its key by id');
    assert.equal(await services.context.secrets.get(saved.auth.secretId), API_KEY, 'the key is in SecretStorage');
    assert.ok(!JSON.stringify(crosswindConfig().inspect('profiles')).includes(API_KEY), 'the key is not in any settings');
    const settingsFile = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.vscode', 'settings.json');
    assert.ok(!fs.readFileSync(settingsFile, 'utf8').includes(API_KEY), 'the key is not in .vscode/settings.json');
    assert.equal(crosswindConfig().get('activeProfile'), 'it-picker-key');

    assert.ok(test.ok, test.message);
    assert.equal(profile.model, models[0]);
    assert.match(test.message, new RegExp(`Bedrock API key …${API_KEY.slice(-4)}`));
    assert.match(test.message, /\d+ ms round trip/);
    assert.deepEqual(
      ui.notices.map((n) => n.kind),
      ['info'],
    );
  });

  it('shows the active profile in the status bar: cloud · model · session cost', async () => {
    const model = models[0]!;
    await waitFor('the status bar to show the new profile', () => services.statusBar.text.includes('Bedrock · ') && services.statusBar.tooltipText.includes(model));
    assert.match(services.statusBar.text, /Bedrock · .+ · (\$[\d.,]+|< \$0\.0001|cost unknown)$/);
    assert.match(services.statusBar.tooltipText, /Profile it-picker-key on Amazon Bedrock/);
  });

  it('Test connection with AWS credentials shows the caller ARN and the round trip, and saves to user settings', async () => {
    const before = server.calls.length;
    // Through a VPC endpoint, given in the picker (the loopback plays bedrock-runtime).
    const ui = new ScriptedPicker({ profiles: 'add', cloud: 'bedrock', auth: 'env', region: 'us-east-1', bedrockEndpoint: `${server.url}/`, model: nthModel(1), name: 'it-picker-env', scope: 'user' });
    const result = await select(ui);
    assert.ok(result.action === 'added' && result.result.saved);
    const { test } = result.result;
    assert.ok(test.ok, test.message);
    assert.equal(test.identity?.principal, ARN);
    assert.match(test.message, new RegExp(`as ${ARN.replace(/[/:]/g, '\\$&')}`));
    assert.match(test.message, /\d+ ms round trip/);
    const sts = server.calls.slice(before).filter((c) => c.method === 'POST' && c.path === '/');
    assert.ok(sts.some((c) => c.auth === 'sigv4' && c.status === 200), 'STS GetCallerIdentity was signed with the environment credentials');
    assert.ok(savedProfile('user', 'it-picker-env'), 'saved in user settings');
    assert.equal(ui.step('bedrockEndpoint')?.title, 'Amazon Bedrock: endpoint (optional)');
    assert.equal((savedProfile('user', 'it-picker-env') as { endpoint?: string }).endpoint, server.url, 'the endpoint is saved, without the trailing slash');
    assert.equal((savedProfile('user', 'it-picker-env') as { auth: unknown }).auth && JSON.stringify((savedProfile('user', 'it-picker-env') as { auth: unknown }).auth), '{"type":"chain"}');
  });

  it('switches profiles from the picker, and the status bar follows', async () => {
    const ui = new ScriptedPicker({ profiles: 'profile:it-picker-key' });
    assert.deepEqual(await select(ui), { action: 'switched', name: 'it-picker-key' });
    await waitFor('the status bar to show it-picker-key', () => services.statusBar.tooltipText.includes('Profile it-picker-key'));
    const list = ui.step('profiles')?.options ?? [];
    assert.ok(list.some((o) => o.id === 'profile:it-picker-env' && /user settings/.test(o.detail ?? '')));
    assert.ok(list.some((o) => o.id === 'profile:it-picker-key' && /workspace settings/.test(o.detail ?? '')));
    assert.ok(list.some((o) => o.id === 'add'));

    assert.deepEqual(await select(new ScriptedPicker({ switchProfile: 'profile:it-picker-env' }), 'crosswind.switchProfile'), { action: 'switched', name: 'it-picker-env' });
    await waitFor('the status bar to show it-picker-env', () => services.statusBar.tooltipText.includes('Profile it-picker-env'));
    assert.ok(services.statusBar.tooltipText.includes(models[1]!));
  });

  it('an IAM Identity Center profile that is not signed in gets the exact fix, and its button runs it in a terminal', async () => {
    const ui = new ScriptedPicker(
      { profiles: 'add', cloud: 'bedrock', auth: 'aws:dev-sso', region: 'us-east-1', bedrockEndpoint: '', model: 'custom', modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', name: 'it-picker-sso', scope: 'user' },
      (n) => n.actions.find((a) => a.startsWith('Run ')),
    );
    const result = await select(ui);
    // The model list already failed, with the fix offered as a step option.
    const modelOptions = ui.step('model')?.options ?? [];
    assert.ok(
      modelOptions.some((o) => o.id === 'fix' && o.label.includes('aws sso login --profile dev-sso')),
      modelOptions.map((o) => o.label).join(' | '),
    );
    assert.ok(result.action === 'added' && result.result.saved);
    const { test } = result.result;
    assert.equal(test.ok, false);
    assert.ok(!test.ok && test.error.fixCommand === 'aws sso login --profile dev-sso', test.message);
    const failure = ui.notices.find((n) => n.kind === 'error');
    assert.ok(failure?.message.includes('aws sso login --profile dev-sso'), failure?.message);
    assert.deepEqual(failure?.actions, ['Run aws sso login --profile dev-sso', 'Retry']);
    await waitFor('the fix terminal', () => vscode.window.terminals.find((t) => t.name === 'Crosswind: fix'));
  });

  it('Azure with an API key: endpoint and deployment, the deployment listed first, and a test that really uses the key', async () => {
    const azure = await startOpenAIServer({ apiKey: AZURE_KEY, azure: { deployments: ['gpt5-prod'] }, models: ['gpt-5', 'gpt-4.1'] });
    try {
      const ui = new ScriptedPicker({ profiles: 'add', cloud: 'azure', auth: 'apiKey', apiKey: AZURE_KEY, endpoint: azure.url, deployment: 'gpt5-prod', model: nthModel(1), name: 'it-picker-azure', scope: 'user' });
      const result = await select(ui);
      assert.ok(result.action === 'added' && result.result.saved);
      assert.deepEqual(
        (ui.step('model')?.options ?? []).filter((o) => o.id.startsWith('model:')).map((o) => o.id),
        ['model:gpt5-prod', 'model:gpt-4.1', 'model:gpt-5'],
      );
      const { profile, test } = result.result;
      assert.deepEqual({ endpoint: profile.provider === 'azure' && profile.endpoint, deployment: profile.provider === 'azure' && profile.deployment, model: profile.model }, { endpoint: azure.url, deployment: 'gpt5-prod', model: 'gpt-4.1' });
      assert.ok(test.ok, test.message);
      assert.match(test.message, /Azure API key/);
      const listed = azure.log.filter((l) => l.path.startsWith('/openai/v1/models') && l.status === 200).length;
      assert.ok(listed >= 2, 'the model step and the connection test each asked the resource with the key');
    } finally {
      await azure.close();
    }
  });

  it('a wrong OpenAI key fails Test connection with the service’s reason, and nothing is hidden behind a success', async () => {
    const openai = await startOpenAIServer({ apiKey: 'sk-the-right-key-0123456789abcdef', models: ['gpt-5'] });
    try {
      const ui = new ScriptedPicker({ profiles: 'add', cloud: 'openai', apiKey: 'sk-a-wrong-key-0123456789abcdef', baseUrl: openai.openaiBaseUrl, model: 'custom', modelId: 'gpt-5', name: 'it-picker-openai', scope: 'user' });
      const result = await select(ui);
      assert.ok(result.action === 'added' && result.result.saved);
      const { test } = result.result;
      assert.equal(test.ok, false);
      assert.ok(!test.ok && test.error.kind === 'authInvalid', test.message);
      assert.ok(
        (ui.step('model')?.options ?? []).some((o) => o.id === 'error'),
        'the model step already said the key was refused',
      );
      assert.deepEqual(ui.notices.find((n) => n.kind === 'error')?.actions, ['Retry']);
    } finally {
      await openai.close();
    }
  });

  it('in VS Code’s own quick pick, the active profile is highlighted (Enter keeps it) and Escape dismisses', async () => {
    const active = crosswindConfig().get<string>('activeProfile');
    assert.equal(active, 'it-picker-openai', 'the last profile saved is the active one');
    const kept = await driveQuickInput(vscode.commands.executeCommand<PickerResult>('crosswind.selectProvider'), 'workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(kept, { action: 'switched', name: 'it-picker-openai' });
    const dismissed = await driveQuickInput(vscode.commands.executeCommand<PickerResult>('crosswind.selectProvider'), 'workbench.action.closeQuickOpen');
    assert.deepEqual(dismissed, { action: 'cancelled' });
  });

  it('deletes a profile together with its stored key', async () => {
    const saved = savedProfile('workspace', 'it-picker-key') as { auth: { secretId: string } };
    const ui = new ScriptedPicker({}, (n) => (n.message.includes('and its stored key') ? 'Delete' : undefined));
    assert.deepEqual(await select(ui, 'crosswind.deleteProfile', 'it-picker-key'), { action: 'deleted', name: 'it-picker-key' });
    assert.equal(savedProfile('workspace', 'it-picker-key'), undefined);
    assert.equal(await services.context.secrets.get(saved.auth.secretId), undefined, 'the key left SecretStorage too');
  });
});
