// Credentials found the way the AWS CLI finds them, from real files in a temporary HOME: named profiles
// in ~/.aws/credentials, credential_process in ~/.aws/config, IAM Identity Center (valid and expired
// tokens in ~/.aws/sso/cache), container credentials, environment keys; and the profile list for the
// picker. Each is proven against the loopback Bedrock, which checks the SigV4 signature it receives.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bedrockProfileFromEnvironment, createBedrockClient, listAwsProfiles } from '../../../src/providers/bedrock';
import { type BedrockServer, startBedrockServer } from '../../support/bedrock-server';
import { CREDS, REGION, bedrockProfile, collect, failureOf, testDeps, textOf, userRequest } from './bedrock-test-kit';

/** Sets process.env entries for the duration of a suite (the SDK reads a few only from there). */
function withProcessEnv(values: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

describe('Bedrock adapter: AWS credentials from a temporary HOME', () => {
  let server: BedrockServer;
  let home: string;
  let restoreEnv: () => void;

  const ssoCache = (id: string, token: Record<string, unknown>) => {
    const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(id).digest('hex')}.json`);
    writeFileSync(file, JSON.stringify(token));
  };
  /** Env for a client in the temp HOME, talking to the loopback server for the control plane and STS. */
  const homeEnv = (extra: Record<string, string> = {}) => ({ HOME: home, AWS_ENDPOINT_URL_STS: server.url, AWS_ENDPOINT_URL_BEDROCK: server.url, ...extra });
  const chainProfile = (profile?: string) => bedrockProfile(server, { auth: { type: 'chain', ...(profile ? { profile } : {}) } });

  before(async () => {
    server = await startBedrockServer({ credentials: CREDS, region: REGION, ssoAccessToken: 'sso-access-token-valid', containerCredentials: true });
    home = mkdtempSync(join(tmpdir(), 'crosswind-aws-home-'));
    mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
    const processScript = join(home, 'creds.js');
    writeFileSync(processScript, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(CREDS.accessKeyId)}, SecretAccessKey: ${JSON.stringify(CREDS.secretAccessKey)} }));\n`);
    const failingScript = join(home, 'fail.js');
    writeFileSync(failingScript, `process.stderr.write('token for saml expired'); process.exit(3);\n`);
    writeFileSync(join(home, '.aws', 'credentials'), [
      '[dev]',
      `aws_access_key_id = ${CREDS.accessKeyId}`,
      `aws_secret_access_key = ${CREDS.secretAccessKey}`,
      '',
      '[shared]',
      'aws_access_key_id = AKIDSHAREDNOTUSED000',
      'aws_secret_access_key = shared-secret-not-used-000000000000000000',
      '',
    ].join('\n'));
    writeFileSync(join(home, '.aws', 'config'), [
      '[default]',
      'region = eu-west-3',
      '',
      '[profile shared]',
      'region = us-west-2',
      '',
      '[profile proc]',
      `credential_process = ${process.execPath} ${processScript}`,
      '',
      '[profile broken-proc]',
      `credential_process = ${process.execPath} ${failingScript}`,
      '',
      '[profile dev-sso]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = Developer',
      'region = us-east-1',
      '',
      '[profile live-sso]',
      'sso_session = corp-live',
      'sso_account_id = 123456789012',
      'sso_role_name = Developer',
      '',
      '[profile legacy-sso]',
      'sso_start_url = https://legacy.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_account_id = 123456789012',
      'sso_role_name = Developer',
      '',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = us-east-1',
      '',
      '[sso-session corp-live]',
      'sso_start_url = https://corp-live.awsapps.com/start',
      'sso_region = us-east-1',
      '',
    ].join('\n'));
    const past = new Date(Date.now() - 3600_000).toISOString();
    ssoCache('corp', { startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'expired-token', expiresAt: past });
    ssoCache('https://legacy.awsapps.com/start', { startUrl: 'https://legacy.awsapps.com/start', region: 'us-east-1', accessToken: 'expired-legacy', expiresAt: past });
    ssoCache('corp-live', { startUrl: 'https://corp-live.awsapps.com/start', region: 'us-east-1', accessToken: 'sso-access-token-valid', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    // The SSO token cache and the IMDS/container switches are read by the SDK from process.env only.
    restoreEnv = withProcessEnv({
      HOME: home,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_SSO: server.url,
      AWS_PROFILE: undefined,
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
      AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    });
  });
  after(async () => {
    restoreEnv();
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });
  afterEach(() => {
    assert.equal(server.pending(), 0);
  });

  it('uses a named profile from ~/.aws/credentials', async () => {
    server.script([{ steps: [{ type: 'text', text: 'from dev' }] }]);
    const client = createBedrockClient(chainProfile('dev'), testDeps(homeEnv()));
    assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'from dev');
    assert.deepEqual(await client.whoami(), { provider: 'bedrock', principal: 'arn:aws:iam::123456789012:user/test-user', account: '123456789012', source: 'profile' });
  });

  it('takes the profile from AWS_PROFILE when the Crosswind profile names none', async () => {
    server.script([{ steps: [{ type: 'text', text: 'from AWS_PROFILE' }] }]);
    const client = createBedrockClient(chainProfile(), testDeps(homeEnv({ AWS_PROFILE: 'dev' })));
    assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'from AWS_PROFILE');
  });

  it('runs the credential_process of a ~/.aws/config profile', async () => {
    server.script([{ steps: [{ type: 'text', text: 'from process' }] }]);
    const client = createBedrockClient(chainProfile('proc'), testDeps(homeEnv()));
    assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'from process');
    assert.equal((await client.whoami()).source, 'process');
  });

  it('a failing credential_process → authInvalid telling the user to run it', async () => {
    const error = await failureOf(createBedrockClient(chainProfile('broken-proc'), testDeps(homeEnv())).stream(userRequest('hi')));
    assert.equal(error.kind, 'authInvalid');
    assert.match(error.message, /credential_process of AWS profile broken-proc failed/);
  });

  it('an expired IAM Identity Center session → authExpired with the exact aws sso login to run', async () => {
    for (const profile of ['dev-sso', 'legacy-sso']) {
      const error = await failureOf(createBedrockClient(chainProfile(profile), testDeps(homeEnv())).stream(userRequest('hi')));
      assert.equal(error.kind, 'authExpired', `${profile}: ${error.message}`);
      assert.equal(error.fixCommand, `aws sso login --profile ${profile}`);
      assert.match(error.fix!, new RegExp(`aws sso login --profile ${profile}`));
      assert.ok(!error.message.includes('expired-token'));
    }
    const whoami = await failureOf(createBedrockClient(chainProfile('dev-sso'), testDeps(homeEnv())).whoami());
    assert.equal(whoami.kind, 'authExpired');
  });

  it('a valid IAM Identity Center session gets role credentials from the portal and signs with them', async () => {
    server.script([{ steps: [{ type: 'text', text: 'from sso' }] }]);
    const client = createBedrockClient(chainProfile('live-sso'), testDeps(homeEnv()));
    assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'from sso');
    assert.equal((await client.whoami()).source, 'sso');
    assert.ok(server.calls.some((c) => c.path === '/federation/credentials'));
  });

  it('uses container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI) when no file has the profile', async () => {
    const restore = withProcessEnv({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.url}/container-credentials` });
    try {
      server.script([{ steps: [{ type: 'text', text: 'from container' }] }]);
      const client = createBedrockClient(chainProfile(), testDeps({ ...homeEnv(), HOME: join(home, 'empty') }));
      assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'from container');
      assert.equal((await client.whoami()).source, 'container');
    } finally {
      restore();
    }
  });

  it('uses keys from the environment when no profile is chosen', async () => {
    server.script([{ steps: [{ type: 'text', text: 'from env' }] }]);
    const client = createBedrockClient(chainProfile(), testDeps(homeEnv({ AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey })));
    assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'from env');
    assert.equal((await client.whoami()).source, 'env');
  });

  it('an unknown profile → configuration naming the profile', async () => {
    const error = await failureOf(createBedrockClient(chainProfile('nope'), testDeps(homeEnv())).stream(userRequest('hi')));
    assert.equal(error.kind, 'configuration');
    assert.match(error.message, /nope/);
  });

  it('no credentials anywhere → configuration with a fix naming the options', async () => {
    const error = await failureOf(createBedrockClient(chainProfile(), testDeps({ HOME: join(home, 'empty') })).stream(userRequest('hi')));
    assert.equal(error.kind, 'configuration');
    assert.match(error.fix!, /aws configure sso/);
    assert.match(error.fix!, /AWS_BEARER_TOKEN_BEDROCK/);
  });

  it('lists the profiles of both files for the picker', async () => {
    const profiles = await listAwsProfiles({ HOME: home });
    assert.deepEqual(profiles, [
      { name: 'default', source: 'config', sso: false, region: 'eu-west-3' },
      { name: 'broken-proc', source: 'config', sso: false },
      { name: 'dev', source: 'credentials', sso: false },
      { name: 'dev-sso', source: 'config', sso: true, region: 'us-east-1' },
      { name: 'legacy-sso', source: 'config', sso: true },
      { name: 'live-sso', source: 'config', sso: true },
      { name: 'proc', source: 'config', sso: false },
      { name: 'shared', source: 'both', sso: false, region: 'us-west-2' },
    ]);
    assert.deepEqual(await listAwsProfiles({ HOME: join(home, 'empty') }), []);
  });

  it('builds a CLI profile from flags and the standard environment', async () => {
    const fromConfig = await bedrockProfileFromEnvironment({ model: 'amazon.nova-pro-v1:0', awsProfile: 'shared' }, { HOME: home });
    assert.equal(fromConfig.region, 'us-west-2');
    assert.deepEqual(fromConfig.auth, { type: 'chain', profile: 'shared' });
    const defaultRegion = await bedrockProfileFromEnvironment({ model: 'm' }, { HOME: home });
    assert.equal(defaultRegion.region, 'eu-west-3');
    const keyed = await bedrockProfileFromEnvironment({ model: 'm', endpoint: 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com' }, { HOME: home, AWS_REGION: 'us-east-1', AWS_BEARER_TOKEN_BEDROCK: 'ABSKxyz' });
    assert.deepEqual(keyed.auth, { type: 'apiKey' });
    assert.equal(keyed.endpoint, 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com');
    const error = await bedrockProfileFromEnvironment({ model: 'm' }, { HOME: join(home, 'empty') }).catch((e: unknown) => e);
    assert.equal((error as { kind?: string }).kind, 'configuration');
  });
});
