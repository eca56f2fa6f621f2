// The CLI as it ships: bundled the way scripts/build.mjs bundles dist/cli.js, where undici is not inside
// cli.js but in dist/undici.js beside it, loaded only when a proxy is configured. A run through
// HTTPS_PROXY must find it there (and a run without a proxy must not need it).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleOptions } from '../../../scripts/bundle-options.mjs';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';

const ROOT = path.resolve(__dirname, '../../..');
const KEY = 'sk-bundle-proxy-0123456789abcdefghijklmnop';

function runBundle(cli: string, args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const kill = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

describe('the bundled CLI and its proxy code', function () {
  this.timeout(120_000);
  let dir: string;
  let server: OpenAIServer;
  let proxy: ConnectProxy;
  let cli: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bundle-proxy-'));
    const { nodeCommon, nodeWithLazyUndici } = bundleOptions({ root: ROOT, production: true, version: 'test' });
    const dist = path.join(dir, 'dist');
    cli = path.join(dist, 'cli.js');
    await esbuild.build({ ...nodeWithLazyUndici, entryPoints: [path.join(ROOT, 'src/cli/cli.ts')], outfile: cli });
    await esbuild.build({ ...nodeCommon, entryPoints: [path.join(ROOT, 'node_modules/undici/index.js')], outfile: path.join(dist, 'undici.js') });
    fs.mkdirSync(path.join(dir, 'repo'));
    server = await startOpenAIServer({ apiKey: KEY });
    proxy = await startConnectProxy();
  });
  after(async () => {
    await proxy?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const exec = (env: Record<string, string>) =>
    runBundle(cli, ['exec', '--provider', 'openai', '--model', 'gpt-5', '--endpoint', server.openaiBaseUrl, '--cwd', 'repo', 'hi'], { OPENAI_API_KEY: KEY, HOME: dir, XDG_STATE_HOME: path.join(dir, 'state'), ...env }, dir);

  it('keeps undici out of cli.js', () => {
    // One of undici's own diagnostics channel names: present in its code, in none of ours.
    assert.ok(!fs.readFileSync(cli, 'utf8').includes('undici:request:create'), 'undici is not compiled into cli.js');
    assert.ok(fs.readFileSync(path.join(dir, 'dist', 'undici.js'), 'utf8').includes('undici:request:create'));
  });

  it('goes through HTTPS_PROXY with the undici.js beside it', async () => {
    server.script([{ steps: [{ type: 'text', text: 'through the proxy' }] }]);
    const r = await exec({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /through the proxy/);
    assert.ok(proxy.connects.includes(new URL(server.url).host), `the proxy saw ${proxy.connects.join(', ') || 'nothing'}`);
  });

  it('runs without a proxy even when undici.js is missing (it is not loaded)', async () => {
    fs.rmSync(path.join(dir, 'dist', 'undici.js'));
    const before = proxy.connects.length;
    server.script([{ steps: [{ type: 'text', text: 'direct' }] }]);
    const r = await exec({});
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /direct/);
    assert.equal(proxy.connects.length, before);
  });
});
