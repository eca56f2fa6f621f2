// The real VS Code against loopback clouds as strict as the real services (test/support/model-rules.ts):
// GPT-5.5 on Bedrock Mantle and GPT-5.6 on bedrock-runtime /openai/v1 read and patch a file, Claude Opus
// 4.7 with effort high completes, an application inference-profile ARN is priced, and an Azure region
// without the Responses API completes on Chat Completions. Keys live in SecretStorage, as a user's would;
// the engine process was started before the test, so nothing reaches it through its environment.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../src/extension/services';
import type { EngineNotification } from '../../src/protocol';
import { startBedrockOpenAIServer } from '../support/bedrock-openai-server';
import { startBedrockServer } from '../support/bedrock-server';
import { startOpenAIServer } from '../support/openai-server';
import { lastToolResult, type ScriptEntry } from '../support/scripted-model';
import { crosswind, waitFor } from './helpers';
import { setWorkspaceSettings } from './loopback-bedrock';

const CREDS = { accessKeyId: 'AKIDINTEGRATIONCLOUD', secretAccessKey: 'integration/clouds/secret/000000001' };
const BEDROCK_KEY = 'bedrock-api-key-it-clouds-0000-k7m2';
const AZURE_KEY = 'azure-it-clouds-key-0123456789abcdef';
const FILE = 'clouds-math.js';
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', `*** Update File: ${FILE}`, '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

function readAndPatch(): ScriptEntry[] {
  return [
    { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: FILE } }], usage: { input: 900, output: 20 } },
    { steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }], usage: { input: 1100, output: 40 }, expect: (r) => assert.match(lastToolResult(r).output, /return a \+ b/) },
    { steps: [{ type: 'text', text: 'Exported sum.' }], usage: { input: 1300, output: 10 } },
  ];
}

type Completed = Extract<EngineNotification, { method: 'turn/completed' }>['params'];

describe('Clouds as strict as the real ones', function () {
  this.timeout(180_000);
  let services: ExtensionServices;
  let file: vscode.Uri;

  before(async () => {
    services = (await crosswind()).services;
    await services.context.secrets.store('crosswind.it.clouds.bedrock', BEDROCK_KEY);
    await services.context.secrets.store('crosswind.it.clouds.azure', AZURE_KEY);
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    file = vscode.Uri.file(path.join(folder, FILE));
    // The approval policy is a security setting: it is taken from user settings only.
    await vscode.workspace.getConfiguration('crosswind').update('approvalPolicy', 'auto-edit', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('crosswind').update('approvalPolicy', undefined, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    // A fresh file on disk and in any open editor.
    fs.writeFileSync(file.fsPath, MATH);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file.fsPath);
    if (doc?.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
  });

  /** Makes `profile` the active one (auto-edit), waits until the engine can use it, runs one turn. */
  async function turnOn(profile: Record<string, unknown>, prompt = 'Export a sum alias'): Promise<Completed> {
    await setWorkspaceSettings({ 'crosswind.activeProfile': profile.name, 'crosswind.profiles': [profile] });
    await waitFor('the engine to accept the profile', () => services.engine.request('provider/test', { profile: String(profile.name) }).then(() => true, () => false), 30_000);
    const completed = new Promise<Completed>((resolve) => {
      const sub = services.engine.onNotification((n) => {
        if (n.method === 'turn/completed') {
          sub.dispose();
          resolve(n.params as Completed);
        }
      });
    });
    await services.conversation.newThread();
    await services.conversation.startTurn(prompt);
    return completed;
  }

  async function fileText(): Promise<string> {
    return (await vscode.workspace.openTextDocument(file)).getText();
  }

  it('GPT-5.5 on Bedrock Mantle with an API key reads and patches a file', async () => {
    const mantle = await startBedrockOpenAIServer({ route: 'mantle', credentials: CREDS, bearerToken: BEDROCK_KEY, region: 'us-east-2' });
    try {
      mantle.script(readAndPatch());
      const done = await turnOn({ name: 'it-gpt55-mantle', provider: 'bedrock', model: 'openai.gpt-5.5', region: 'us-east-2', mantleEndpoint: mantle.baseUrl, auth: { type: 'apiKey', secretId: 'crosswind.it.clouds.bedrock' } });
      assert.equal(done.turn.status, 'completed', JSON.stringify(done.turn.error));
      assert.equal(await fileText(), MATH.replace('{ add }', '{ add, sum: add }'));
      assert.ok(mantle.calls.filter((c) => c.path === '/openai/v1/responses').every((c) => c.auth === 'bearer' && c.status === 200));
      assert.ok(done.turn.cost.usd !== null && done.turn.cost.usd > 0);
    } finally {
      await mantle.close();
    }
  });

  it('GPT-5.6 on bedrock-runtime /openai/v1 reads and patches a file', async () => {
    const runtime = await startBedrockOpenAIServer({ route: 'runtime', credentials: CREDS, bearerToken: BEDROCK_KEY, region: 'us-east-2' });
    try {
      runtime.script(readAndPatch());
      const done = await turnOn({ name: 'it-gpt56-runtime', provider: 'bedrock', model: 'global.openai.gpt-5.6-sol', region: 'us-east-2', endpoint: runtime.url, reasoningEffort: 'max', auth: { type: 'apiKey', secretId: 'crosswind.it.clouds.bedrock' } });
      assert.equal(done.turn.status, 'completed', JSON.stringify(done.turn.error));
      assert.equal(await fileText(), MATH.replace('{ add }', '{ add, sum: add }'));
      assert.equal((runtime.requests[0]!.raw as { model: string }).model, 'global.openai.gpt-5.6-sol');
    } finally {
      await runtime.close();
    }
  });

  it('Claude Opus 4.7 with effort high completes (adaptive thinking), and an application profile ARN is priced', async () => {
    const converse = await startBedrockServer({ credentials: CREDS, bearerToken: BEDROCK_KEY, region: 'us-east-2' });
    try {
      converse.script([{ steps: [{ type: 'text', text: 'Thought about it.' }] }]);
      const opus = await turnOn({ name: 'it-opus47', provider: 'bedrock', model: 'us.anthropic.claude-opus-4-7', region: 'us-east-2', endpoint: converse.url, reasoningEffort: 'high', auth: { type: 'apiKey', secretId: 'crosswind.it.clouds.bedrock' } }, 'Think, then say so.');
      assert.equal(opus.turn.status, 'completed', JSON.stringify(opus.turn.error));
      assert.deepEqual((converse.requests[0]!.raw as { additionalModelRequestFields?: unknown }).additionalModelRequestFields, { thinking: { type: 'adaptive' }, output_config: { effort: 'high' } });

      converse.script([{ steps: [{ type: 'text', text: 'Priced.' }], usage: { input: 1000, output: 100 } }]);
      const arn = 'arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/abc123team';
      const team = await turnOn({ name: 'it-arn', provider: 'bedrock', model: arn, region: 'us-east-2', endpoint: converse.url, controlEndpoint: converse.url, auth: { type: 'apiKey', secretId: 'crosswind.it.clouds.bedrock' } }, 'Say hi.');
      assert.equal(team.turn.status, 'completed', JSON.stringify(team.turn.error));
      // Claude Sonnet 4.5 behind the profile, on a non-global route: $3.30 / $16.50 per million.
      assert.ok(Math.abs(team.turn.cost.usd! - (1000 * 3.3 + 100 * 16.5) / 1e6) < 1e-9, JSON.stringify(team.turn.cost));
    } finally {
      await converse.close();
    }
  });

  it('an Azure region without the Responses API completes the turn on Chat Completions', async () => {
    const azure = await startOpenAIServer({ apiKey: AZURE_KEY, azure: { v1: true, responsesApi: false, deploymentModels: { 'gpt-5-5-weu': 'gpt-5.5' } } });
    try {
      azure.script(readAndPatch());
      const done = await turnOn({ name: 'it-azure-weu', provider: 'azure', model: 'gpt-5.5', endpoint: azure.url, deployment: 'gpt-5-5-weu', auth: { type: 'apiKey', secretId: 'crosswind.it.clouds.azure' } });
      assert.equal(done.turn.status, 'completed', JSON.stringify(done.turn.error));
      assert.equal(await fileText(), MATH.replace('{ add }', '{ add, sum: add }'));
      assert.ok(azure.requests.every((r) => r.path.includes('/chat/completions')));
    } finally {
      await azure.close();
    }
  });
});
