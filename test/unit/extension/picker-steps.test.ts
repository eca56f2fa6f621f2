// Steps of "Add a provider", driven by a script like the integration tests do, outside VS Code: the
// sign-in list with no AWS profiles, the Bedrock endpoint step and its validation, and a model-listing
// error shown whole.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FlowContext, StepId } from '../../../src/extension/providers/flow-context';
import type { ProfileDraft } from '../../../src/extension/providers/profile-draft';
import { runSteps, type StepResult } from '../../../src/extension/providers/step-runner';
import { EngineError } from '../../../src/shared/engine-error';
import { authStep } from '../../../src/extension/providers/steps/auth-step';
import { bedrockEndpointStep, validateBedrockEndpoint } from '../../../src/extension/providers/steps/endpoint-steps';
import { modelStep } from '../../../src/extension/providers/steps/model-step';
import { regionStep } from '../../../src/extension/providers/steps/region-step';
import { ScriptedPicker } from '../../support/scripted-picker';

const LONG_ERROR =
  'You don’t have access to the model with the specified model ID. The account 111122223333 needs model access for anthropic.claude-sonnet-4-5 in us-east-1 (Amazon Bedrock console → Model access), and your role needs bedrock:ListFoundationModels and bedrock:ListInferenceProfiles on the control plane.';

function flow(ui: ScriptedPicker, draft: ProfileDraft, env: Record<string, string | undefined> = {}, engine?: FlowContext['engine']): FlowContext {
  const after: Partial<Record<StepId, StepResult>> = {};
  return {
    ui,
    draft,
    env,
    engine: engine ?? { request: () => Promise.reject(new Error('no engine in this test')) },
    canSaveToWorkspace: false,
    savedNames: [],
    next: (step) => after[step] ?? 'done',
    totalSteps: () => 7,
    draftSecretId: () => Promise.resolve(undefined),
    runFix: () => undefined,
  };
}

describe('provider picker steps', () => {
  it('lists sign-in choices with no "Other" heading when there is no AWS profile above them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-noaws-'));
    try {
      const env = { HOME: dir, AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') };
      const ui = new ScriptedPicker({ auth: 'env' });
      assert.equal(await runSteps(authStep(flow(ui, { provider: 'bedrock' }, env))), true);
      const options = ui.step('auth')?.options ?? [];
      assert.deepEqual(options.map((o) => o.id), ['env', 'apiKey']);
      assert.equal(options[0]!.separatorBefore, undefined, 'no separator heads the list');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks for an optional Bedrock endpoint after the region, and keeps it without a trailing slash', async () => {
    const draft: ProfileDraft = { provider: 'bedrock' };
    const ui = new ScriptedPicker({ region: 'eu-central-1', bedrockEndpoint: 'https://vpce-0a1b2c3d-4e5f.bedrock-runtime.eu-central-1.vpce.amazonaws.com/' });
    assert.equal(await runSteps(regionStep(flow(ui, draft))), true);
    assert.deepEqual(ui.shown.map((s) => s.id), ['region', 'bedrockEndpoint']);
    assert.equal(draft.endpoint, 'https://vpce-0a1b2c3d-4e5f.bedrock-runtime.eu-central-1.vpce.amazonaws.com');

    const empty = new ScriptedPicker({ bedrockEndpoint: '' });
    const cleared: ProfileDraft = { provider: 'bedrock', region: 'us-east-1', endpoint: 'https://old.example.com' };
    assert.equal(await runSteps(bedrockEndpointStep(flow(empty, cleared))), true);
    assert.equal(cleared.endpoint, undefined, 'empty means the public endpoint');
  });

  it('validates the endpoint as it is typed', () => {
    assert.equal(validateBedrockEndpoint(''), undefined);
    assert.equal(validateBedrockEndpoint('https://bedrock.internal.example.com'), undefined, 'a private DNS name is fine');
    assert.equal(validateBedrockEndpoint('vpce-0a1b2c3d')?.severity, 'error');
    assert.equal(validateBedrockEndpoint('http://bedrock.example.com')?.severity, 'error', 'https only, but for loopback');
    assert.equal(validateBedrockEndpoint('http://127.0.0.1:4566'), undefined);
    assert.equal(validateBedrockEndpoint('https://bedrock-runtime.us-east-1.amazonaws.com/model/x')?.severity, 'error');
    assert.match(validateBedrockEndpoint('https://vpce-1.bedrock.us-east-1.vpce.amazonaws.com')?.message ?? '', /not a bedrock-runtime endpoint/);
    const other = validateBedrockEndpoint('https://vpce-1.bedrock-runtime.eu-west-1.vpce.amazonaws.com', 'us-east-1');
    assert.deepEqual(other, { message: 'This endpoint is in eu-west-1, but the region chosen is us-east-1.', severity: 'warning' });
  });

  it('shows a model-listing error whole: on its own row, and in full on "Show the whole error"', async () => {
    const engine: FlowContext['engine'] = {
      request: () => Promise.reject(new EngineError({ kind: 'accessDenied', message: LONG_ERROR, fix: 'Ask your AWS administrator for model access.' })),
    };
    const draft: ProfileDraft = { provider: 'bedrock', region: 'us-east-1', auth: { type: 'chain' } };
    const ui = new ScriptedPicker({ model: ['details', 'custom'], modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' });
    assert.equal(await runSteps(modelStep(flow(ui, draft, {}, engine))), true);
    const options = ui.step('model')?.options ?? [];
    const error = options.find((o) => o.id === 'error');
    assert.equal(error?.label, '$(warning) Could not list the models', 'the label is short enough to read whole');
    assert.equal(error?.detail, LONG_ERROR);
    assert.deepEqual(ui.notices, [
      { kind: 'error', message: 'Crosswind could not list the models', actions: [], detail: `${LONG_ERROR}\n\nFix: Ask your AWS administrator for model access.` },
    ]);
    assert.equal(draft.model, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });
});
