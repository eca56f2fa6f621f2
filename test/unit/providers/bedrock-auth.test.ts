// Authentication on the wire: the loopback Bedrock recomputes SigV4 with the secret it knows, so a wrong
// secret fails as on AWS; Bedrock API keys go as bearer tokens; and an HTTPS proxy carries it all.
import assert from 'node:assert/strict';
import { createBedrockClient } from '../../../src/providers/bedrock';
import type { SecretSource } from '../../../src/core/ports/system';
import { type BedrockServer, startBedrockServer } from '../../support/bedrock-server';
import { type ConnectProxy, startConnectProxy } from '../../support/connect-proxy';
import { CREDS, REGION, bedrockProfile, collect, failureOf, serverDeps, testDeps, textOf, userRequest } from './bedrock-test-kit';

const API_KEY = 'ABSKQmVkcm9ja0FQSUtleS1sb29wYmFjay10ZXN0LWtleS0wMDAx';

function secretsWith(values: Record<string, string>): SecretSource {
  return {
    getSecret: async (id) => values[id],
    getAccessToken: () => Promise.reject(new Error('not used')),
  };
}

describe('Bedrock adapter: authentication', () => {
  let server: BedrockServer;
  before(async () => {
    server = await startBedrockServer({ credentials: CREDS, region: REGION, bearerToken: API_KEY });
  });
  after(async () => {
    await server.close();
  });
  afterEach(() => {
    assert.equal(server.pending(), 0);
    server.calls.length = 0;
    server.requests.length = 0;
  });

  describe('SigV4', () => {
    it('a wrong secret key fails the signature check → authInvalid, and the model is never invoked', async () => {
      const deps = serverDeps(server, { AWS_SECRET_ACCESS_KEY: 'not-the-right-secret-0000000000000000000' });
      const error = await failureOf(createBedrockClient(bedrockProfile(server), deps).stream(userRequest('hi')));
      assert.equal(error.kind, 'authInvalid');
      assert.match(error.message, /signature we calculated does not match/);
      assert.equal(error.status, 403);
      assert.equal(server.calls[0]!.auth, 'rejected');
      assert.equal(server.requests.length, 0);
    });

    it('an unknown access key id → authInvalid', async () => {
      const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server, { AWS_ACCESS_KEY_ID: 'AKIDNOTKNOWN00000000' })).stream(userRequest('hi')));
      assert.equal(error.kind, 'authInvalid');
      assert.match(error.message, /security token included in the request is invalid/);
    });

    it('signs with the session token of temporary credentials', async () => {
      const temporary = await startBedrockServer({ credentials: { ...CREDS, sessionToken: 'FwoGZXIvYXdzEXAMPLESESSION' }, region: REGION });
      try {
        temporary.script([{ steps: [{ type: 'text', text: 'temporary ok' }] }]);
        const deps = serverDeps(temporary, { AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSION' });
        assert.equal(textOf(await collect(createBedrockClient(bedrockProfile(temporary), deps).stream(userRequest('hi')))), 'temporary ok');
        const missing = await failureOf(createBedrockClient(bedrockProfile(temporary), serverDeps(temporary)).stream(userRequest('hi')));
        assert.equal(missing.kind, 'authInvalid');
      } finally {
        await temporary.close();
      }
    });
  });

  describe('Bedrock API keys (bearer)', () => {
    it('sends the key from SecretStorage as Authorization: Bearer', async () => {
      server.script([{ steps: [{ type: 'text', text: 'keyed' }] }]);
      const deps = testDeps({ HOME: '/nonexistent' }, { secrets: secretsWith({ 'bedrock.key': API_KEY }) });
      const profile = bedrockProfile(server, { auth: { type: 'apiKey', secretId: 'bedrock.key' } });
      assert.equal(textOf(await collect(createBedrockClient(profile, deps).stream(userRequest('hi')))), 'keyed');
      assert.equal(server.calls[0]!.auth, 'bearer');
      assert.equal(server.requests[0]!.headers.authorization, `Bearer ${API_KEY}`);
    });

    it('falls back to AWS_BEARER_TOKEN_BEDROCK, and whoami shows only the key\'s last four characters', async () => {
      server.script([{ steps: [{ type: 'text', text: 'env key' }] }]);
      const client = createBedrockClient(bedrockProfile(server, { auth: { type: 'apiKey' } }), testDeps({ AWS_BEARER_TOKEN_BEDROCK: API_KEY }));
      assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'env key');
      assert.deepEqual(await client.whoami(), { provider: 'bedrock', principal: `Bedrock API key …${API_KEY.slice(-4)}`, source: 'apiKey' });
    });

    it('a refused key → authInvalid with a fix, and the key appears in no message or log', async () => {
      const wrong = 'ABSKd3Jvbmcta2V5LXRoYXQtYmVkcm9jay1yZWZ1c2VzLTAwMDAx';
      const deps = testDeps({ AWS_BEARER_TOKEN_BEDROCK: wrong });
      const error = await failureOf(createBedrockClient(bedrockProfile(server, { auth: { type: 'apiKey' } }), deps).stream(userRequest('hi')));
      assert.equal(error.kind, 'authInvalid');
      assert.match(error.message, /Authentication failed: Please make sure your API Key is valid/);
      assert.match(error.fix!, /new Bedrock API key/);
      const everything = JSON.stringify([error.message, error.fix, deps.logs]);
      assert.ok(!everything.includes(wrong) && !everything.includes(wrong.slice(4, 20)));
    });

    it('no key anywhere → configuration, before any request is made', async () => {
      const error = await failureOf(createBedrockClient(bedrockProfile(server, { auth: { type: 'apiKey', secretId: 'missing' } }), testDeps({}, { secrets: secretsWith({}) })).stream(userRequest('hi')));
      assert.equal(error.kind, 'configuration');
      assert.match(error.fix!, /AWS_BEARER_TOKEN_BEDROCK/);
      assert.equal(server.calls.length, 0);
    });

    it('an API key in the environment does not override a chain profile', async () => {
      server.script([{ steps: [{ type: 'text', text: 'signed' }] }]);
      await collect(createBedrockClient(bedrockProfile(server), serverDeps(server, { AWS_BEARER_TOKEN_BEDROCK: 'ABSKsomething-else-entirely-0000' })).stream(userRequest('hi')));
      assert.equal(server.calls[0]!.auth, 'sigv4');
    });
  });

  describe('HTTPS proxy', () => {
    let proxy: ConnectProxy;
    before(async () => {
      proxy = await startConnectProxy();
    });
    after(async () => {
      await proxy.close();
    });

    it('tunnels ConverseStream, the control plane and STS through VS Code\'s http.proxy (HTTP/1.1)', async () => {
      server.script([{ steps: [{ type: 'text', text: 'via proxy' }] }]);
      const client = createBedrockClient(bedrockProfile(server), serverDeps(server, {}, { proxyUrl: proxy.url }));
      assert.equal(textOf(await collect(client.stream(userRequest('hi')))), 'via proxy');
      await client.listModels();
      await client.whoami();
      const port = new URL(server.url).port;
      assert.ok(proxy.connects.length >= 1 && proxy.connects.every((c) => c === `127.0.0.1:${port}`), JSON.stringify(proxy.connects));
      assert.deepEqual(server.calls.map((c) => c.httpVersion), ['1.1', '1.1', '1.1', '1.1']);
      assert.ok(server.calls.every((c) => c.auth === 'sigv4'));
    });

    it('over HTTP/1.1 a connection cut mid-stream is a network error too', async () => {
      server.script([{ fault: 'drop', afterEvents: 3 }]);
      const error = await failureOf(createBedrockClient(bedrockProfile(server), serverDeps(server, { HTTPS_PROXY: proxy.url })).stream(userRequest('hi')));
      assert.equal(error.kind, 'network');
    });

    it('skips the proxy for hosts in NO_PROXY', async () => {
      proxy.connects.length = 0;
      server.script([{ steps: [{ type: 'text', text: 'direct' }] }]);
      await collect(createBedrockClient(bedrockProfile(server), serverDeps(server, { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' })).stream(userRequest('hi')));
      assert.deepEqual(proxy.connects, []);
      assert.equal(server.calls[0]!.httpVersion, '2.0');
    });
  });
});
