import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { awsProfilesFrom, listAwsProfiles, parseIni } from '../../../src/extension/providers/aws-config';

const CONFIG = `# company defaults
[default]
region = eu-west-1 ; the team's region

[profile dev-sso]
sso_session = corp
sso_account_id = 111122223333
region = us-east-1
s3 =
  max_concurrent_requests = 10

[profile legacy-sso]
sso_start_url = https://old.awsapps.com/start

[profile deploy]
role_arn = arn:aws:iam::111122223333:role/Deploy
source_profile = default

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[services local]
bedrock-runtime =
  endpoint_url = http://localhost:9000
`;

const CREDENTIALS = `[default]
aws_access_key_id = AKIDEXAMPLE000000001
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[ci]
aws_access_key_id = AKIDEXAMPLE000000002
aws_secret_access_key = another/secret
aws_session_token = FwoGZXIvYXdzEXAMPLETOKEN
`;

describe('AWS profiles for the provider picker', () => {
  it('lists the profiles of both files, default first, sso-session and services sections left out', () => {
    const profiles = awsProfilesFrom(CONFIG, CREDENTIALS);
    assert.deepEqual(
      profiles.map((p) => p.name),
      ['default', 'ci', 'deploy', 'dev-sso', 'legacy-sso'],
    );
  });

  it('marks IAM Identity Center profiles (sso_session and the legacy sso_start_url), roles and keys, with their region', () => {
    const byName = new Map(awsProfilesFrom(CONFIG, CREDENTIALS).map((p) => [p.name, p]));
    assert.deepEqual(byName.get('dev-sso'), { name: 'dev-sso', sso: true, hasKeys: false, kind: 'sso', region: 'us-east-1' });
    assert.equal(byName.get('legacy-sso')?.kind, 'sso');
    assert.equal(byName.get('deploy')?.kind, 'assumeRole');
    assert.equal(byName.get('ci')?.kind, 'keys');
    assert.equal(byName.get('default')?.region, 'eu-west-1', 'a trailing comment is not part of the value');
  });

  it('never keeps a secret it read', () => {
    const sections = parseIni(CREDENTIALS);
    const text = JSON.stringify([...sections.entries()]);
    assert.ok(!text.includes('wJalrXUtnFEMI'), text);
    assert.ok(!text.includes('FwoGZXIvYXdz'), text);
    assert.equal(sections.get('ci')?.aws_session_token, '(set)');
  });

  it('reads the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, and takes missing files as empty', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-aws-unit-'));
    try {
      fs.writeFileSync(path.join(dir, 'c'), CONFIG);
      const env = { AWS_CONFIG_FILE: path.join(dir, 'c'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'missing'), HOME: dir };
      const profiles = await listAwsProfiles(env);
      assert.deepEqual(
        profiles.map((p) => p.name),
        ['default', 'deploy', 'dev-sso', 'legacy-sso'],
      );
      assert.deepEqual(await listAwsProfiles({ HOME: path.join(dir, 'nobody') }), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
