// OpenAI's own Codex CLI against our loopback Bedrock OpenAI servers: a client we did not write, so a
// fake that refuses what the real service accepts (or signs differently) shows here. Codex 0.171.0's
// built-in providers: `amazon-bedrock` (bedrock-mantle, SigV4 service bedrock-mantle or a bearer key)
// and `amazon-bedrock-runtime` (bedrock-runtime /openai/v1, SigV4 service bedrock).
//
// The codex binary is 315 MB (424 MB installed): `npm test`'s tools step installs it into the tools cache
// outside the repo (scripts/ensure-tools.sh --with-codex) and exports CODEX; CROSSWIND_CODEX_BIN points at
// another one. A unit run without the tools step (`npm test -- --fast`) skips these tests, saying so.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBedrockOpenAIServer, type BedrockOpenAIRoute } from '../../support/bedrock-openai-server';

const TOOLS = process.env.CROSSWIND_TOOLS ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'crosswind-tools');
const CANDIDATES = [process.env.CROSSWIND_CODEX_BIN, process.env.CODEX, path.join(TOOLS, 'codex/node_modules/.bin/codex')].filter((p): p is string => Boolean(p));
const CODEX = CANDIDATES.find((p) => fs.existsSync(p));
const CREDS = { accessKeyId: 'AKIDCODEXLOOPBACK001', secretAccessKey: 'codex/loopback/secret/0000001' };
const KEY = 'bedrock-codex-loopback-key-0001';

async function runCodex(route: BedrockOpenAIRoute, auth: 'sigv4' | 'bearer') {
  const server = await startBedrockOpenAIServer({ route, credentials: CREDS, bearerToken: KEY, region: 'us-east-2' });
  const home = fs.mkdtempSync(path.join(os.homedir() === '/' ? os.tmpdir() : os.tmpdir(), 'cw-codex-'));
  try {
    server.script([{ steps: [{ type: 'text', text: 'Hello from the loopback.' }] }]);
    const provider = route === 'mantle' ? 'amazon-bedrock' : 'amazon-bedrock-runtime';
    const model = route === 'mantle' ? 'openai.gpt-5.5' : 'global.openai.gpt-5.6-sol';
    fs.writeFileSync(
      path.join(home, 'config.toml'),
      `model = "${model}"\nmodel_provider = "${provider}"\n\n[model_providers.${provider}]\nbase_url = "${server.baseUrl}"\n\n[model_providers.${provider}.aws]\nregion = "us-east-2"\n`,
    );
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, CODEX_HOME: home, AWS_REGION: 'us-east-2' };
    if (auth === 'bearer') env.AWS_BEARER_TOKEN_BEDROCK = KEY;
    else Object.assign(env, { AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey });
    const child = spawn(CODEX!, ['exec', '--skip-git-repo-check', '-s', 'read-only', 'say hello'], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    return { code, output, calls: [...server.calls] };
  } finally {
    await server.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

describe('codex (OpenAI) against the loopback Bedrock OpenAI servers', function () {
  this.timeout(90_000);
  before(function () {
    if (!CODEX) {
      console.log('    (skipped: no codex binary — run `bash scripts/ensure-tools.sh --with-codex`, or set CROSSWIND_CODEX_BIN)');
      this.skip();
    }
  });

  for (const [route, auth, service] of [['mantle', 'sigv4', 'bedrock-mantle'], ['mantle', 'bearer', undefined], ['runtime', 'sigv4', 'bedrock']] as const) {
    it(`${route} with ${auth}: codex exec completes, ${service ? `signed for ${service}` : 'sent as bearer'}`, async () => {
      const r = await runCodex(route, auth);
      assert.equal(r.code, 0, r.output);
      assert.match(r.output, /Hello from the loopback\./);
      assert.ok(r.calls.length >= 1 && r.calls.every((c) => c.status === 200), JSON.stringify(r.calls));
      for (const c of r.calls) {
        assert.equal(c.auth, auth);
        if (service) assert.equal(c.service, service);
      }
    });
  }
});
