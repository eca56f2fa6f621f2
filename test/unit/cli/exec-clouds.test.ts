// `crosswind exec` against loopback clouds as strict as the real ones (test/support/model-rules.ts):
// OpenAI GPT-5.x on Bedrock (Mantle and bedrock-runtime's /openai/v1), Claude with adaptive thinking,
// application inference profiles, an Azure region without the Responses API. Each runs the real CLI
// in a child process: read a file, patch it, finish.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBedrockOpenAIServer, type BedrockOpenAIServer } from '../../support/bedrock-openai-server';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { startOpenAIServer } from '../../support/openai-server';
import { lastToolResult, type ScriptEntry } from '../../support/scripted-model';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CREDS = { accessKeyId: 'AKIDEXECCLOUDS000001', secretAccessKey: 'exec/clouds/secret/key/for/tests/000001' };
const API_KEY = 'bedrock-exec-api-key-0000-q9z8';
const MATH = 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n';
const PATCH = ['*** Begin Patch', '*** Update File: math.js', '@@', '-module.exports = { add };', '+module.exports = { add, sum: add };', '*** End Patch'].join('\n');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-warnings', '--import', TSX, path.join(ROOT, 'src/cli/cli.ts'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** read_file, then apply_patch, then a closing answer — the model's side of "read and patch math.js". */
export function readAndPatch(extra: Partial<ScriptEntry> = {}): ScriptEntry[] {
  return [
    { steps: [{ type: 'toolCall', name: 'read_file', input: { file_path: 'math.js' } }], usage: { input: 900, output: 20 }, ...extra } as ScriptEntry,
    {
      steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }],
      usage: { input: 1100, output: 40 },
      expect: (r) => assert.match(lastToolResult(r).output, /return a \+ b/, 'the second request carries the file read'),
    },
    { steps: [{ type: 'text', text: 'Exported sum.' }], usage: { input: 1300, output: 10 } },
  ];
}

type Event = { type: string; [k: string]: unknown };
export function events(stdout: string): Event[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Event);
}

describe('crosswind exec on real-shaped clouds', function () {
  this.timeout(90_000);
  let dir: string;
  let converse: BedrockServer;
  let base: Record<string, string>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-exec-clouds-'));
    fs.mkdirSync(path.join(dir, 'repo'));
    fs.writeFileSync(path.join(dir, 'repo', 'math.js'), MATH);
    // bedrock-runtime (Converse), the control plane and STS, as strict as the real ones.
    converse = await startBedrockServer({ credentials: CREDS, bearerToken: API_KEY, region: 'us-east-2', identity: { arn: 'arn:aws:sts::123456789012:assumed-role/dev/alice', account: '123456789012' } });
    base = {
      HOME: path.join(dir, 'home'),
      XDG_STATE_HOME: path.join(dir, 'state'),
      AWS_REGION: 'us-east-2',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: converse.url,
      AWS_ENDPOINT_URL_BEDROCK: converse.url,
      AWS_ENDPOINT_URL_STS: converse.url,
    };
  });
  afterEach(async () => {
    await converse.close();
  });

  const patched = () => fs.readFileSync(path.join(dir, 'repo', 'math.js'), 'utf8');

  describe('GPT-5.5 on Bedrock (bedrock-mantle)', () => {
    let mantle: BedrockOpenAIServer;
    beforeEach(async () => {
      mantle = await startBedrockOpenAIServer({ route: 'mantle', credentials: CREDS, bearerToken: API_KEY, region: 'us-east-2' });
    });
    afterEach(() => mantle.close());

    it('with AWS credentials: reads and patches a file through the Responses API, signed for bedrock-mantle, and prices it', async () => {
      mantle.script(readAndPatch());
      const env = { ...base, AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey, AWS_BEDROCK_BASE_URL: mantle.baseUrl };
      const r = await runCli(['exec', '--provider', 'bedrock', '--model', 'openai.gpt-5.5', '--approval', 'auto-edit', '--json', '--cwd', 'repo', 'Export a sum alias'], env, dir);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.equal(patched(), MATH.replace('{ add }', '{ add, sum: add }'));
      assert.equal(mantle.requests.length, 3);
      assert.ok(mantle.calls.every((c) => c.service === 'bedrock-mantle'), 'every call signed for bedrock-mantle');
      assert.equal(converse.requests.length, 0, 'Converse was never asked (it refuses GPT-5.5)');
      const last = events(r.stdout).at(-1)!;
      assert.equal(last.type, 'turn.completed');
      // 3300 input × $5.50/M + 70 output × $33/M (Bedrock's GPT-5.5 list price).
      assert.ok(Math.abs((last.cost as { usd: number }).usd - (3300 * 5.5 + 70 * 33) / 1e6) < 1e-9, JSON.stringify(last.cost));
      // Every audit record of the turn names who acted: the STS caller (through AWS_ENDPOINT_URL_STS).
      const audit = fs.readFileSync(path.join(dir, 'state', 'crosswind', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: { type: string; identity?: string } });
      const kinds = audit.map((a) => a.event.type);
      assert.ok(kinds.includes('modelRequest') && kinds.includes('toolCall') && kinds.includes('fileChange'), kinds.join());
      for (const a of audit) assert.equal(a.event.identity, 'arn:aws:sts::123456789012:assumed-role/dev/alice', JSON.stringify(a.event));
    });

    it('with a Bedrock API key: the same turn, sent as bearer', async () => {
      mantle.script(readAndPatch());
      const env = { ...base, AWS_BEARER_TOKEN_BEDROCK: API_KEY, AWS_BEDROCK_BASE_URL: mantle.baseUrl };
      const r = await runCli(['exec', '--provider', 'bedrock', '--model', 'openai.gpt-5.5', '--approval', 'auto-edit', '--json', '--cwd', 'repo', 'Export a sum alias'], env, dir);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.equal(patched(), MATH.replace('{ add }', '{ add, sum: add }'));
      assert.ok(mantle.calls.length >= 3 && mantle.calls.every((c) => c.auth === 'bearer'));
      // An API key has no STS identity: its last four characters stand in, on every record, never the key.
      const audit = fs.readFileSync(path.join(dir, 'state', 'crosswind', 'audit.jsonl'), 'utf8');
      assert.ok(!audit.includes(API_KEY), 'the key never reaches the audit log');
      for (const line of audit.trim().split('\n')) assert.equal((JSON.parse(line) as { event: { identity?: string } }).event.identity, `Bedrock API key …${API_KEY.slice(-4)}`);
    });

    it('--effort none is refused before any request, naming the efforts GPT-5.5 on Bedrock takes', async () => {
      const env = { ...base, AWS_BEARER_TOKEN_BEDROCK: API_KEY, AWS_BEDROCK_BASE_URL: mantle.baseUrl };
      const r = await runCli(['exec', '--provider', 'bedrock', '--model', 'openai.gpt-5.5', '--effort', 'none', '--cwd', 'repo', 'hi'], env, dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /'minimal', 'low', 'medium', 'high'/);
      assert.equal(mantle.calls.length, 0);
    });

    it('--effort xhigh is sent as high, the nearest GPT-5.5 on Bedrock takes', async () => {
      mantle.script([{ steps: [{ type: 'text', text: 'done' }] }]);
      const env = { ...base, AWS_BEARER_TOKEN_BEDROCK: API_KEY, AWS_BEDROCK_BASE_URL: mantle.baseUrl };
      const r = await runCli(['exec', '--provider', 'bedrock', '--model', 'openai.gpt-5.5', '--effort', 'xhigh', '--cwd', 'repo', 'hi'], env, dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual((mantle.requests[0]!.raw as { reasoning: unknown }).reasoning, { effort: 'high', summary: 'auto' });
    });
  });

  it('GPT-5.6 on bedrock-runtime /openai/v1: reads and patches a file, signed for service bedrock', async () => {
    const runtime = await startBedrockOpenAIServer({ route: 'runtime', credentials: CREDS, region: 'us-east-2' });
    try {
      runtime.script(readAndPatch());
      const env = { ...base, AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey };
      const r = await runCli(['exec', '--provider', 'bedrock', '--model', 'global.openai.gpt-5.6-sol', '--endpoint', runtime.url, '--effort', 'max', '--approval', 'auto-edit', '--json', '--cwd', 'repo', 'Export a sum alias'], env, dir);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.equal(patched(), MATH.replace('{ add }', '{ add, sum: add }'));
      assert.ok(runtime.calls.every((c) => c.service === 'bedrock' && c.path === '/openai/v1/responses'));
      assert.deepEqual((runtime.requests[0]!.raw as { reasoning: unknown }).reasoning, { effort: 'max', summary: 'auto' });
    } finally {
      await runtime.close();
    }
  });

  it('Claude Opus 4.7 with effort high: adaptive thinking with output_config.effort, and the turn completes', async () => {
    converse.script(readAndPatch());
    const env = { ...base, AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey };
    const r = await runCli(['exec', '--provider', 'bedrock', '--model', 'us.anthropic.claude-opus-4-7', '--effort', 'high', '--approval', 'auto-edit', '--json', '--cwd', 'repo', 'Export a sum alias'], env, dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(patched(), MATH.replace('{ add }', '{ add, sum: add }'));
    const fields = (converse.requests[0]!.raw as { additionalModelRequestFields?: unknown }).additionalModelRequestFields;
    assert.deepEqual(fields, { thinking: { type: 'adaptive' }, output_config: { effort: 'high' } });
  });

  it('an application inference-profile ARN: resolved once through GetInferenceProfile, cached prompts and priced as its model', async () => {
    converse.script(readAndPatch());
    const arn = 'arn:aws:bedrock:us-east-2:123456789012:application-inference-profile/abc123team';
    const env = { ...base, AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey };
    const r = await runCli(['exec', '--provider', 'bedrock', '--model', arn, '--approval', 'auto-edit', '--json', '--cwd', 'repo', 'Export a sum alias'], env, dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(patched(), MATH.replace('{ add }', '{ add, sum: add }'));
    assert.deepEqual(converse.inferenceProfileLookups, [arn], 'asked once for three requests');
    assert.ok(converse.requests.every((q) => q.model === arn), 'requests still name the ARN');
    assert.ok(JSON.stringify((converse.requests[0]!.raw as { system: unknown }).system).includes('cachePoint'), 'Claude prompt caching follows the underlying model');
    const last = events(r.stdout).at(-1)!;
    // Claude Sonnet 4.5 through a non-global route: $3.30 / $16.50 per million.
    assert.ok(Math.abs((last.cost as { usd: number }).usd - (3300 * 3.3 + 70 * 16.5) / 1e6) < 1e-9, JSON.stringify(last.cost));
    assert.deepEqual((last.cost as { unpricedModels: string[] }).unpricedModels, []);
  });

  it('Azure in a region without the Responses API: the 404 falls back to Chat Completions and the turn completes', async () => {
    const key = 'azure-exec-clouds-key-0123456789';
    const azure = await startOpenAIServer({ apiKey: key, azure: { v1: true, responsesApi: false, deploymentModels: { 'gpt-5-5-prod': 'gpt-5.5' } } });
    try {
      azure.script(readAndPatch());
      const r = await runCli(['exec', '--provider', 'azure', '--endpoint', azure.url, '--deployment', 'gpt-5-5-prod', '--model', 'gpt-5.5', '--approval', 'auto-edit', '--json', '--cwd', 'repo', 'Export a sum alias'], { ...base, AZURE_OPENAI_API_KEY: key }, dir);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.equal(patched(), MATH.replace('{ add }', '{ add, sum: add }'));
      const responses = azure.log.filter((l) => l.path.startsWith('/openai/v1/responses'));
      assert.equal(responses.length, 1, 'Responses was tried once, then remembered as missing');
      assert.equal(responses[0]!.status, 404);
      assert.equal(azure.requests.length, 3);
      assert.ok(azure.requests.every((q) => q.path.includes('/chat/completions')));
    } finally {
      await azure.close();
    }
  });
});
