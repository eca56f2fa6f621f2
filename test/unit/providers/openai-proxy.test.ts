import assert from 'node:assert/strict';
import { OpenAIProfile } from '../../../src/protocol';
import { createOpenAIClient } from '../../../src/providers/openai';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { collect, testDeps, textOf } from '../../support/provider-test-kit';

const KEY = 'sk-proxy-0123456789abcdefghijklmnopqrstuvwxyz';

describe('OpenAI-wire providers — proxies', () => {
  let server: OpenAIServer;
  let proxy: ConnectProxy;
  before(async () => {
    server = await startOpenAIServer({ apiKey: KEY });
    proxy = await startConnectProxy();
  });
  after(async () => {
    await proxy.close();
    await server.close();
  });

  const profile = () => OpenAIProfile.parse({ name: 'p', provider: 'openai', model: 'gpt-5', baseUrl: server.openaiBaseUrl, auth: { type: 'apiKey' } });
  const ask = { system: '', items: [{ type: 'user' as const, text: 'hi' }], tools: [] };

  it('goes through deps.proxyUrl (VS Code http.proxy)', async () => {
    const before = proxy.connects.length;
    server.script([{ steps: [{ type: 'text', text: 'proxied' }] }]);
    assert.equal(textOf(await collect(createOpenAIClient(profile(), testDeps({ env: { OPENAI_API_KEY: KEY }, proxyUrl: proxy.url })).stream(ask))), 'proxied');
    assert.deepEqual(proxy.connects.slice(before), [new URL(server.url).host]);
  });

  it('goes through HTTPS_PROXY/HTTP_PROXY from the environment and honours NO_PROXY', async () => {
    const before = proxy.connects.length;
    server.script([{ steps: [{ type: 'text', text: 'env proxy' }] }, { steps: [{ type: 'text', text: 'direct' }] }]);
    const env = { OPENAI_API_KEY: KEY, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url };
    assert.equal(textOf(await collect(createOpenAIClient(profile(), testDeps({ env })).stream(ask))), 'env proxy');
    assert.equal(proxy.connects.length, before + 1);
    assert.equal(textOf(await collect(createOpenAIClient(profile(), testDeps({ env: { ...env, NO_PROXY: '127.0.0.1' } })).stream(ask))), 'direct');
    assert.equal(proxy.connects.length, before + 1, 'NO_PROXY host went direct');
  });
});
