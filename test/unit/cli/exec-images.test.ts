// Images the user sends (`crosswind exec --image FILE`, the editor's image attachments): on the wire as
// each cloud takes them — a Converse image block, a Responses input_image, a Chat image_url — with the
// file's own bytes; refused before any request for a model without vision, and for a file that is not an
// image. The loopback servers refuse what the real services refuse (test/support/image-rules.ts); the
// last test drives them with the AWS SDK itself, a client we did not write.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { startOpenAIServer } from '../../support/openai-server';
import type { ReceivedRequest } from '../../support/scripted-model';
import { events, runCli } from './exec-clouds.test';

const CREDS = { accessKeyId: 'AKIDEXECIMAGES000001', secretAccessKey: 'exec/images/secret/key/for/tests/000001' };
// A 1×1 PNG and a 1×1 GIF: real images, small enough to compare byte for byte.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

type Message = ReceivedRequest['messages'][number];
const images = (r: ReceivedRequest) => r.messages.filter((m): m is Extract<Message, { image: unknown }> => 'image' in m).map((m) => m.image);
const userText = (r: ReceivedRequest) => r.messages.flatMap((m) => ('text' in m && m.role === 'user' ? [m.text] : [])).join('\n');

describe('crosswind exec --image: images on the wire of each cloud', function () {
  this.timeout(90_000);
  let dir: string;
  let converse: BedrockServer;
  let base: Record<string, string>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-exec-images-'));
    fs.mkdirSync(path.join(dir, 'repo'));
    fs.writeFileSync(path.join(dir, 'repo', 'screen.png'), PNG);
    fs.writeFileSync(path.join(dir, 'repo', 'spinner.gif'), GIF);
    fs.writeFileSync(path.join(dir, 'repo', 'notes.txt'), 'not an image\n');
    converse = await startBedrockServer({ credentials: CREDS, region: 'us-east-2', identity: { arn: 'arn:aws:sts::123456789012:assumed-role/dev/alice', account: '123456789012' } });
    base = {
      HOME: path.join(dir, 'home'),
      XDG_STATE_HOME: path.join(dir, 'state'),
      AWS_REGION: 'us-east-2',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: converse.url,
      AWS_ENDPOINT_URL_BEDROCK: converse.url,
      AWS_ENDPOINT_URL_STS: converse.url,
      AWS_ACCESS_KEY_ID: CREDS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey,
    };
  });
  afterEach(async () => {
    await converse.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Claude on Bedrock: the images reach Converse as image blocks with the files\' bytes, after the prompt', async () => {
    converse.script([{ steps: [{ type: 'text', text: 'A single pixel.' }], usage: { input: 1700, output: 5 } }]);
    const r = await runCli(['exec', '--provider', 'bedrock', '--model', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', '--image', 'screen.png', '--image', 'spinner.gif', '--json', 'What is in these images?'], base, path.join(dir, 'repo'));
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(converse.requests.length, 1);
    const sent = converse.requests[0]!;
    assert.deepEqual(images(sent), [
      { format: 'png', data: PNG.toString('base64') },
      { format: 'gif', data: GIF.toString('base64') },
    ]);
    assert.match(userText(sent), /What is in these images\?/);
    assert.match(userText(sent), /image screen\.png \(image\/png\)/, 'the text names each image, so a summary keeps it');
    // The user's message in the thread carries the images as attachments (what the sidebar shows as chips).
    const user = events(r.stdout).find((e) => e.type === 'item.completed' && (e.item as { type: string }).type === 'userMessage');
    assert.deepEqual(((user?.item as { attachments: Array<{ type: string; path: string }> }).attachments ?? []).map((a) => `${a.type}:${a.path}`), ['image:screen.png', 'image:spinner.gif']);
  });

  it('OpenAI Responses: an input_image data URL; Azure without Responses: a Chat image_url part', async () => {
    const key = 'sk-exec-images-0000000000000000';
    const openai = await startOpenAIServer({ apiKey: key });
    const azureKey = 'azure-exec-images-key-0123456789';
    const azure = await startOpenAIServer({ apiKey: azureKey, azure: { v1: true, responsesApi: false, deploymentModels: { 'gpt55-vision': 'gpt-5.5' } } });
    try {
      openai.script([{ steps: [{ type: 'text', text: 'A pixel.' }] }]);
      const a = await runCli(['exec', '--provider', 'openai', '--model', 'gpt-5.5', '--image', 'screen.png', '--json', 'Describe'], { ...base, OPENAI_API_KEY: key, OPENAI_BASE_URL: `${openai.url}/v1` }, path.join(dir, 'repo'));
      assert.equal(a.code, 0, a.stderr + a.stdout);
      assert.ok(openai.requests[0]!.path.includes('/responses'), openai.requests[0]!.path);
      assert.deepEqual(images(openai.requests[0]!), [{ format: 'png', data: PNG.toString('base64') }]);

      azure.script([{ steps: [{ type: 'text', text: 'A pixel.' }] }]);
      const b = await runCli(['exec', '--provider', 'azure', '--endpoint', azure.url, '--deployment', 'gpt55-vision', '--model', 'gpt-5.5', '--image', 'screen.png', '--json', 'Describe'], { ...base, AZURE_OPENAI_API_KEY: azureKey }, path.join(dir, 'repo'));
      assert.equal(b.code, 0, b.stderr + b.stdout);
      const chat = azure.requests.find((q) => q.path.includes('/chat/completions'));
      assert.ok(chat, 'the turn went to Chat Completions');
      assert.deepEqual(images(chat), [{ format: 'png', data: PNG.toString('base64') }]);
    } finally {
      await openai.close();
      await azure.close();
    }
  });

  it('a model without vision: refused before any request, naming the model and what to do', async () => {
    const r = await runCli(['exec', '--provider', 'bedrock', '--model', 'us.anthropic.claude-3-5-haiku-20241022-v1:0', '--image', 'screen.png', 'Describe'], base, path.join(dir, 'repo'));
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stderr, /claude-3-5-haiku.*does not accept images/);
    assert.match(r.stderr, /Switch to a model that takes images/);
    assert.equal(converse.requests.length, 0, 'nothing was sent (or paid for)');
  });

  it('a file that is not an image, or is missing: a clear error (exit 2) before any request', async () => {
    const notImage = await runCli(['exec', '--provider', 'bedrock', '--model', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', '--image', 'notes.txt', 'Describe'], base, path.join(dir, 'repo'));
    assert.equal(notImage.code, 2, notImage.stderr);
    assert.match(notImage.stderr, /--image notes\.txt is not a PNG, JPEG, GIF or WebP image/);
    const missing = await runCli(['exec', '--provider', 'bedrock', '--model', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', '--image', 'nope.png', 'Describe'], base, path.join(dir, 'repo'));
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /--image nope\.png: no such file/);
    assert.equal(converse.requests.length, 0);
  });

  it('the loopback Converse refuses what Bedrock refuses, seen through the AWS SDK: a text-only model, a format outside the enum, bytes that are not the format', async () => {
    const sdk = new BedrockRuntimeClient({ region: 'us-east-2', endpoint: converse.url, credentials: CREDS });
    const send = (modelId: string, image: { format: string; bytes: Uint8Array }) =>
      sdk.send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'Describe' }, { image: { format: image.format as 'png', source: { bytes: image.bytes } } }] }] }));
    try {
      await assert.rejects(send('openai.gpt-oss-120b-1:0', { format: 'png', bytes: PNG }), (e: Error) => e.name === 'ValidationException' && /does not support image/.test(e.message));
      await assert.rejects(send('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { format: 'bmp', bytes: PNG }), (e: Error) => e.name === 'ValidationException' && /enum value set: \[png, jpeg, gif, webp\]/.test(e.message));
      await assert.rejects(send('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { format: 'jpeg', bytes: PNG }), (e: Error) => e.name === 'ValidationException' && /not a jpeg image/.test(e.message));
      converse.script([{ steps: [{ type: 'text', text: 'ok' }] }]);
      const ok = await send('us.anthropic.claude-sonnet-4-5-20250929-v1:0', { format: 'png', bytes: PNG });
      assert.equal(ok.output?.message?.content?.[0]?.text, 'ok');
    } finally {
      sdk.destroy();
    }
  });
});
