import assert from 'node:assert/strict';
import { draftToInput, draftToProfile, suggestedName } from '../../../src/extension/providers/profile-draft';
import { validateApiKey } from '../../../src/extension/providers/steps/api-key-step';
import { normalizeAzureEndpoint, validateAzureEndpoint, validateBaseUrl, validateDeployment } from '../../../src/extension/providers/steps/endpoint-steps';
import { modelIdToSave } from '../../../src/extension/providers/steps/model-step';
import { validateRegion } from '../../../src/extension/providers/steps/region-step';
import { validateProfileName } from '../../../src/extension/providers/steps/save-steps';
import { mergeProfileScopes } from '../../../src/extension/settings/profile-scopes';

describe('provider picker: the profile it writes', () => {
  it('writes only what the user chose, and a key only as its SecretStorage id', () => {
    const input = draftToInput({ provider: 'bedrock', auth: { type: 'apiKey' }, apiKey: 'ABSKsecretsecretsecret', region: 'eu-central-1', model: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', name: 'bedrock-eu' }, 'crosswind.key.1234');
    assert.deepEqual(input, { name: 'bedrock-eu', provider: 'bedrock', model: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'eu-central-1', auth: { type: 'apiKey', secretId: 'crosswind.key.1234' } });
    assert.ok(!JSON.stringify(input).includes('ABSKsecret'));
  });

  it('makes a valid engine profile of each cloud, defaults applied', () => {
    const aws = draftToProfile({ provider: 'bedrock', auth: { type: 'chain', profile: 'dev-sso' }, region: 'us-east-1', model: 'amazon.nova-pro-v1:0', name: 'b' });
    assert.deepEqual(aws.auth, { type: 'chain', profile: 'dev-sso' });
    const azure = draftToProfile({ provider: 'azure', auth: { type: 'vscodeMicrosoft' }, endpoint: 'https://contoso.openai.azure.com', deployment: 'gpt5-prod', model: 'gpt-5', name: 'a' });
    assert.equal(azure.provider === 'azure' && azure.api, 'auto');
    const openai = draftToProfile({ provider: 'openai', apiKey: 'sk-x', model: 'gpt-5', name: 'o' }, 'crosswind.key.9');
    assert.deepEqual(openai.auth, { type: 'apiKey', secretId: 'crosswind.key.9' });
  });

  it('can list models before a model is chosen (Azure: the deployment stands in)', () => {
    assert.equal(draftToProfile({ provider: 'azure', auth: { type: 'entra' }, endpoint: 'https://x.openai.azure.com', deployment: 'dep' }).model, 'dep');
    assert.ok(draftToProfile({ provider: 'bedrock', auth: { type: 'chain' }, region: 'us-east-1' }).model.length > 0);
  });

  it('suggests a unique name from the cloud and where it points', () => {
    assert.equal(suggestedName({ provider: 'bedrock', region: 'us-west-2' }, []), 'bedrock-us-west-2');
    assert.equal(suggestedName({ provider: 'bedrock', region: 'us-west-2' }, ['bedrock-us-west-2', 'bedrock-us-west-2-2']), 'bedrock-us-west-2-3');
    assert.equal(suggestedName({ provider: 'azure', endpoint: 'https://contoso.openai.azure.com' }, []), 'azure-contoso');
    assert.equal(suggestedName({ provider: 'openai' }, []), 'openai');
  });

  it('saves a Bedrock model that needs an inference profile as that profile', () => {
    assert.equal(modelIdToSave({ id: 'anthropic.claude-sonnet-4-5-20250929-v1:0', provider: 'bedrock', inferenceProfile: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' }), 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.equal(modelIdToSave({ id: 'amazon.nova-pro-v1:0', provider: 'bedrock' }), 'amazon.nova-pro-v1:0');
  });
});

describe('provider picker: validation as the user types', () => {
  const severity = (v: { severity: string } | undefined) => v?.severity ?? 'ok';

  it('Azure endpoint: https, a resource endpoint (not a deployment URL), Azure hosts or a warning', () => {
    assert.equal(severity(validateAzureEndpoint('https://contoso.openai.azure.com')), 'ok');
    assert.equal(severity(validateAzureEndpoint('https://contoso.services.ai.azure.com/')), 'ok');
    assert.equal(severity(validateAzureEndpoint('https://contoso.openai.azure.us')), 'ok');
    assert.equal(severity(validateAzureEndpoint('http://contoso.openai.azure.com')), 'error');
    assert.equal(severity(validateAzureEndpoint('contoso')), 'error');
    assert.equal(severity(validateAzureEndpoint('https://contoso.openai.azure.com/openai/deployments/gpt5/chat/completions')), 'error');
    assert.equal(severity(validateAzureEndpoint('https://gateway.example.com')), 'warning');
    assert.equal(normalizeAzureEndpoint('https://contoso.openai.azure.com/openai/v1/'), 'https://contoso.openai.azure.com');
  });

  it('deployment, region, base URL, key and name', () => {
    assert.equal(severity(validateDeployment('gpt-5.prod_1')), 'ok');
    assert.equal(severity(validateDeployment('gpt 5')), 'error');
    assert.equal(severity(validateRegion('eu-central-2')), 'ok');
    assert.equal(severity(validateRegion('us-gov-west-1')), 'ok');
    assert.equal(severity(validateRegion('Frankfurt')), 'error');
    assert.equal(severity(validateBaseUrl('')), 'ok');
    assert.equal(severity(validateBaseUrl('https://gw.example.com/v1')), 'ok');
    assert.equal(severity(validateBaseUrl('http://gw.example.com/v1')), 'warning');
    assert.equal(severity(validateBaseUrl('http://localhost:8080/v1')), 'ok');
    assert.equal(severity(validateApiKey('sk-proj-abc def')), 'error');
    assert.equal(severity(validateApiKey('')), 'error');
    assert.equal(severity(validateApiKey('short')), 'warning');
    assert.equal(severity(validateProfileName('azure-prod', ['azure-prod'])), 'warning');
    assert.equal(severity(validateProfileName('  ', [])), 'error');
  });
});

describe('profiles from user and workspace settings', () => {
  it('keeps the user profiles and adds the workspace ones, the workspace winning a name clash in place', () => {
    const merged = mergeProfileScopes({
      user: [{ name: 'a', v: 1 }, { name: 'b', v: 1 }],
      workspace: [{ name: 'b', v: 2 }, { name: 'c', v: 2 }],
    });
    assert.deepEqual(merged, [
      { raw: { name: 'a', v: 1 }, scope: 'user' },
      { raw: { name: 'b', v: 2 }, scope: 'workspace' },
      { raw: { name: 'c', v: 2 }, scope: 'workspace' },
    ]);
    assert.deepEqual(mergeProfileScopes({ user: 'not a list' }), []);
  });
});
