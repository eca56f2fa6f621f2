import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/cli';
import { UsageError } from '../../../src/cli/command';
import { resolveProviderProfile, type Env, type ProviderFlags } from '../../../src/cli/provider-options';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';

const resolve = (flags: ProviderFlags, env: Env = {}, modelRequired = true) => resolveProviderProfile(flags, env, { modelRequired });
const usage = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UsageError, String(e));
    assert.match(e.message, pattern);
    return true;
  });

describe('CLI provider options — flags and the standard environment → a validated profile', () => {
  it('builds an Azure profile from flags, with key auth when AZURE_OPENAI_API_KEY is set and Entra otherwise', () => {
    const withKey = resolve({ provider: 'azure', endpoint: 'https://contoso.openai.azure.com', deployment: 'gpt5', apiVersion: '2024-10-21', api: 'chat' }, { AZURE_OPENAI_API_KEY: 'k' });
    assert.deepEqual(withKey, {
      name: 'cli-azure',
      provider: 'azure',
      model: 'gpt5',
      endpoint: 'https://contoso.openai.azure.com',
      deployment: 'gpt5',
      apiVersion: '2024-10-21',
      api: 'chat',
      auth: { type: 'apiKey' },
      scope: 'https://cognitiveservices.azure.com/.default',
      fallbacks: [],
    });
    const entra = resolve({}, { AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt41', OPENAI_API_VERSION: '2025-01-01-preview', AZURE_TENANT_ID: 't' });
    assert.equal(entra.provider, 'azure');
    assert.deepEqual(entra.provider === 'azure' && [entra.auth, entra.api, entra.apiVersion, entra.deployment], [{ type: 'entra' }, 'auto', '2025-01-01-preview', 'gpt41']);
  });

  it('builds a Bedrock profile: region from flags or AWS_REGION/AWS_DEFAULT_REGION, bearer key or the chain with a profile', () => {
    const bearer = resolve({ provider: 'bedrock', model: 'us.anthropic.claude-sonnet-4-5-v1:0' }, { AWS_DEFAULT_REGION: 'eu-west-1', AWS_BEARER_TOKEN_BEDROCK: 'ABSK…' });
    assert.deepEqual(bearer.provider === 'bedrock' && [bearer.region, bearer.auth], ['eu-west-1', { type: 'apiKey' }]);
    const chain = resolve({ model: 'm', region: 'us-west-2' }, { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-1' });
    assert.deepEqual(chain.provider === 'bedrock' && [chain.region, chain.auth], ['us-west-2', { type: 'chain', profile: 'dev' }]);
    const explicitProfile = resolve({ provider: 'bedrock', model: 'm', profile: 'prod' }, { AWS_REGION: 'us-east-1', AWS_BEARER_TOKEN_BEDROCK: 'x' });
    assert.deepEqual(explicitProfile.provider === 'bedrock' && explicitProfile.auth, { type: 'chain', profile: 'prod' });
    usage(() => resolve({ provider: 'bedrock', model: 'm' }), /needs --region or AWS_REGION/);
  });

  it('builds an OpenAI profile with the base URL from --endpoint or OPENAI_BASE_URL', () => {
    const p = resolve({ provider: 'openai', model: 'gpt-5', api: 'chat' }, { OPENAI_BASE_URL: 'http://127.0.0.1:4000/v1' });
    assert.deepEqual(p.provider === 'openai' && [p.baseUrl, p.api, p.auth], ['http://127.0.0.1:4000/v1', 'chat', { type: 'apiKey' }]);
    assert.equal(resolve({ model: 'gpt-5' }, { OPENAI_API_KEY: 'sk-x' }).provider, 'openai');
  });

  it('explains what is missing, wrong or misplaced', () => {
    usage(() => resolve({ provider: 'azure', deployment: 'd' }), /--provider azure needs --endpoint or AZURE_OPENAI_ENDPOINT/);
    usage(() => resolve({ provider: 'azure', endpoint: 'https://x.openai.azure.com' }), /needs --deployment or AZURE_OPENAI_DEPLOYMENT/);
    usage(() => resolve({ provider: 'openai' }, { OPENAI_API_KEY: 'k' }), /needs --model/);
    usage(() => resolve({ provider: 'azure', endpoint: 'not a url', deployment: 'd' }), /--endpoint 'not a url'/);
    usage(() => resolve({ provider: 'vertex' }), /bedrock, azure or openai, not 'vertex'/);
    usage(() => resolve({ provider: 'openai', model: 'gpt-5', region: 'us-east-1' }), /--region applies to --provider bedrock/);
    usage(() => resolve({ provider: 'openai', model: 'gpt-5', api: 'auto' }), /--api for openai is responses or chat/);
    usage(() => resolve({}, {}), /choose a provider with --provider/);
    usage(() => resolve({ model: 'm' }, { OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com' }), /several providers are configured \(azure, openai\)/);
  });

  it('lets listing commands go without a model or deployment', () => {
    const p = resolve({ provider: 'azure', endpoint: 'https://x.openai.azure.com' }, {}, false);
    assert.equal(p.provider === 'azure' && p.deployment, '(unspecified)');
  });
});

describe('crosswind models / whoami against loopback OpenAI and Azure servers', () => {
  const KEY = 'sk-cli-0123456789abcdefghijklmnopqrstuvwxyz';
  const AZ_KEY = '0123456789abcdef0123456789abcdef';
  let openai: OpenAIServer;
  let azure: OpenAIServer;
  before(async () => {
    openai = await startOpenAIServer({ apiKey: KEY, models: ['gpt-5', 'gpt-4.1'] });
    azure = await startOpenAIServer({ apiKey: AZ_KEY, azure: { v1: true } });
  });
  after(async () => {
    await openai.close();
    await azure.close();
  });

  async function run(argv: string[], env: NodeJS.ProcessEnv) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await main(argv, { stdin: new PassThrough(), stdout, stderr, cwd: process.cwd(), env });
    return { code, out, err };
  }

  it('lists OpenAI models as text and JSON', async () => {
    const text = await run(['models', '--provider', 'openai', '--endpoint', openai.openaiBaseUrl], { OPENAI_API_KEY: KEY });
    assert.equal(text.code, 0, text.err);
    assert.deepEqual(text.out.trim().split('\n').map((l) => l.split(/\s+/)[0]), ['gpt-4.1', 'gpt-5']);
    const json = await run(['models', '--json'], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: openai.openaiBaseUrl });
    assert.deepEqual((JSON.parse(json.out) as Array<{ id: string }>).map((m) => m.id), ['gpt-4.1', 'gpt-5']);
  });

  it('lists Azure v1 models without a deployment, and shows the key identity', async () => {
    const env = { AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_API_KEY: AZ_KEY };
    const listed = await run(['models', '--provider', 'azure', '--json'], env);
    assert.equal(listed.code, 0, listed.err);
    assert.deepEqual((JSON.parse(listed.out) as Array<{ id: string }>).map((m) => m.id), ['gpt-4.1', 'gpt-5', 'o4-mini']);
    const me = await run(['whoami', '--provider', 'azure'], env);
    assert.equal(me.code, 0, me.err);
    assert.match(me.out, /principal\s+Azure API key …cdef/);
    assert.match(me.out, /source\s+apiKey/);
  });

  it('prints a typed failure with its fix, never the key, and exits 1; usage errors exit 2', async () => {
    const wrong = 'sk-wrong-0123456789abcdefghijklmnopqrstuvwxyz';
    const failed = await run(['models', '--provider', 'openai', '--endpoint', openai.openaiBaseUrl], { OPENAI_API_KEY: wrong });
    assert.equal(failed.code, 1);
    assert.match(failed.err, /rejected the credentials/);
    assert.match(failed.err, /fix: .*OPENAI_API_KEY/);
    assert.ok(!failed.err.includes(wrong));
    const bad = await run(['whoami', '--provider', 'azure'], {});
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--provider azure needs --endpoint or AZURE_OPENAI_ENDPOINT/);
    const json = await run(['whoami', '--provider', 'openai', '--json'], { OPENAI_API_KEY: KEY });
    assert.deepEqual(JSON.parse(json.out), { provider: 'openai', principal: `OpenAI API key …${KEY.slice(-4)}`, source: 'apiKey' });
  });
});
