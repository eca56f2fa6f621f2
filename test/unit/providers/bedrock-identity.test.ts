// Who a Bedrock profile acts as: STS through the endpoint overrides (AWS_ENDPOINT_URL_STS, the profile's
// stsEndpoint — a VPC endpoint), failures named as STS's, and for audit records a stand-in when STS
// cannot be reached: the access key id, never the secret.
import assert from 'node:assert/strict';
import net from 'node:net';
import { createBedrockClient } from '../../../src/providers/bedrock';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { bedrockProfile, CREDS, failureOf, testDeps } from './bedrock-test-kit';

/** A loopback port nothing listens on (a VPC-only network without an STS endpoint). */
async function deadUrl(): Promise<string> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

describe('Bedrock identity through STS', () => {
  let server: BedrockServer;
  const env = { HOME: '/nonexistent-home', AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey };
  before(async () => {
    server = await startBedrockServer({ credentials: CREDS, region: 'us-east-1', identity: { arn: 'arn:aws:sts::210987654321:assumed-role/ci/bot', account: '210987654321' } });
  });
  after(() => server.close());

  it("uses the profile's stsEndpoint (a VPC endpoint) when the environment names none", async () => {
    const client = createBedrockClient(bedrockProfile(server, { stsEndpoint: server.url }), testDeps(env));
    const me = await client.whoami();
    assert.equal(me.principal, 'arn:aws:sts::210987654321:assumed-role/ci/bot');
    assert.ok(server.calls.some((c) => c.path === '/' && c.method === 'POST' && c.status === 200));
  });

  it('an unreachable STS is named as STS, with its host and the override to set — not as Bedrock', async () => {
    const dead = await deadUrl();
    const client = createBedrockClient(bedrockProfile(server), testDeps({ ...env, AWS_ENDPOINT_URL_STS: dead }));
    const error = await failureOf(client.whoami());
    assert.equal(error.kind, 'network');
    assert.match(error.message, new RegExp(`^AWS STS \\(GetCallerIdentity at ${dead.replace('http://', '').replace(/\./g, '\\.')}\\) failed, not Bedrock`));
  });

  it('STS unreachable: audit records name the access key id, never the secret', async () => {
    const client = createBedrockClient(bedrockProfile(server), testDeps({ ...env, AWS_ENDPOINT_URL_STS: await deadUrl() }));
    const who = await client.auditIdentity!();
    assert.equal(who, `AWS access key ${CREDS.accessKeyId} (STS unreachable)`);
    assert.ok(!who.includes(CREDS.secretAccessKey));
  });
});
