// `crosswind whoami` and `crosswind models` as a person runs them, against a loopback Bedrock (STS and
// the control plane included).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCloud, type Cloud } from '../../support/engine-harness';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/cli/cli.ts'), ...args], { env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('crosswind whoami and models', function () {
  this.timeout(30_000);
  let cloud: Cloud;
  before(async () => {
    cloud = await startCloud('bedrock');
  });
  after(() => cloud.close());

  it('whoami prints the caller ARN from STS', async () => {
    const r = await cli(['whoami', '--provider', 'bedrock', '--region', 'us-east-1'], cloud.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^principal {2}arn:aws:iam::\d{12}:user\/\S+$/m);
    assert.match(r.stdout, /^provider {3}bedrock$/m);
  });

  it('models --json lists the foundation models of the region', async () => {
    const r = await cli(['models', '--provider', 'bedrock', '--region', 'us-east-1', '--json'], cloud.env);
    assert.equal(r.code, 0, r.stderr);
    const models = JSON.parse(r.stdout) as { id: string; provider: string }[];
    assert.ok(models.length > 0);
    assert.ok(models.every((m) => m.provider === 'bedrock'));
  });

  it('whoami with a wrong secret key exits 1 with the typed error, and never prints the key', async () => {
    const wrong = 'wrong/secret/key/0123456789ABCDEFGHIJ';
    const r = await cli(['whoami', '--provider', 'bedrock', '--region', 'us-east-1'], { ...cloud.env, AWS_SECRET_ACCESS_KEY: wrong });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^crosswind whoami: /m);
    assert.ok(!r.stderr.includes(wrong) && !r.stdout.includes(wrong));
  });
});
