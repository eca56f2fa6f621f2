// Secrets never leave the places they belong (the environment, SecretStorage, the cloud's own credential
// chain). The engine runs as its own process with canary credentials: an AWS secret key and session token
// (environment, used to sign Bedrock requests), an Azure key (SecretStorage, used for Azure OpenAI) and an
// OpenAI key (environment). The model echoes them in its answers and in tool arguments, and an error from
// the cloud quotes one. None of them may then be read back from the engine's state folder (threads —
// streamed pieces included — ledger, audit log), its log, or what it sends the editor (the webview's feed);
// and shell commands run without the cloud credentials in their environment unless the user allows it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EngineSettings, type ProviderProfile, type Thread, type Turn } from '../../../src/protocol';
import { startBedrockServer, type BedrockServer } from '../../support/bedrock-server';
import { secretLeaks, waitFor } from '../../support/fault-checks';
import { EngineProcess } from '../../support/fault-process';
import { startOpenAIServer, type OpenAIServer } from '../../support/openai-server';
import { call, codexPatch, tempDirs, toolResults } from './helpers';

const rand = (n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') =>
  Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');

const CANARY = {
  awsSecret: `${rand(20)}/${rand(19)}`,
  awsSession: `IQoJb3JpZ2luX2Vj${rand(60)}`,
  azureKey: rand(32, '0123456789abcdef'),
  openaiKey: `sk-proj-${rand(40)}`,
};
const SECRETS = Object.values(CANARY);
const ENV_PROBE = 'const k=Object.keys(process.env).filter(k=>/^(AWS|AZURE|OPENAI)_/.test(k)).sort();console.log("cloud vars: "+(k.join(",")||"none"))';

describe('resilience: secrets stay secret', function () {
  this.timeout(60_000);
  let bedrock: BedrockServer;
  let azure: OpenAIServer;
  let engine: EngineProcess | undefined;

  before(async () => {
    bedrock = await startBedrockServer({ credentials: { accessKeyId: 'AKIACANARY0000000001', secretAccessKey: CANARY.awsSecret, sessionToken: CANARY.awsSession }, region: 'us-east-1' });
    azure = await startOpenAIServer({ apiKey: CANARY.azureKey, azure: { v1: true } });
  });
  after(async () => {
    await engine?.kill();
    await bedrock.close();
    await azure.close();
  });

  it('never writes, logs or sends a credential the model or an error repeats; shell gets none unless allowed', async () => {
    const { base, ws, state } = tempDirs('cw-secrets-');
    const aws: ProviderProfile = { name: 'aws', provider: 'bedrock', model: 'anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1', auth: { type: 'chain' }, endpoint: bedrock.url, fallbacks: [], disablePromptCache: false };
    const az: ProviderProfile = { name: 'az', provider: 'azure', model: 'gpt-5.5', endpoint: azure.url, deployment: 'gpt-5-5-prod', apiVersion: '2025-04-01-preview', api: 'responses', auth: { type: 'apiKey' }, scope: 'https://cognitiveservices.azure.com/.default', fallbacks: [] };
    engine = await EngineProcess.start({
      workspace: ws,
      storage: state,
      env: {
        AWS_ACCESS_KEY_ID: 'AKIACANARY0000000001',
        AWS_SECRET_ACCESS_KEY: CANARY.awsSecret,
        AWS_SESSION_TOKEN: CANARY.awsSession,
        AWS_ENDPOINT_URL_BEDROCK: bedrock.url,
        AWS_ENDPOINT_URL_STS: bedrock.url,
        OPENAI_API_KEY: CANARY.openaiKey,
      },
      secrets: { 'azure.apiKey': CANARY.azureKey },
    });
    const settings = (extra: object = {}) =>
      EngineSettings.parse({ approvalPolicy: 'full-auto', profiles: [aws, az], activeProfile: 'aws', retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, ...extra });
    await engine.settings(settings());
    const finished = async (threadId: string, text: string): Promise<Turn> => {
      const { turn } = await engine!.request<{ turn: Turn }>('turn/start', { threadId, text });
      await waitFor('the turn', () => engine!.of<{ turn: Turn }>('turn/completed').some((p) => p.turn.id === turn.id));
      return engine!.of<{ turn: Turn }>('turn/completed').find((p) => p.turn.id === turn.id)!.turn;
    };
    const echo = `Your credentials: AWS secret ${CANARY.awsSecret}, session ${CANARY.awsSession}, Azure key ${CANARY.azureKey}, OpenAI key ${CANARY.openaiKey}. Keep them safe.`;

    // Azure (its key comes from SecretStorage): the model repeats every secret, in many small deltas.
    const { thread: t1 } = await engine.request<{ thread: Thread }>('thread/start', { profile: 'az' });
    azure.script([{ steps: [{ type: 'text', text: echo, chunks: 23 }] }]);
    // The user pastes one too: it names the conversation in the history list.
    assert.equal((await finished(t1.id, `What are my keys? One is ${CANARY.azureKey}`)).status, 'completed');

    // Bedrock (signed with the environment's secret key and session token): echoes in text and in tool
    // arguments; a shell command lists the cloud variables it can see.
    const { thread: t2 } = await engine.request<{ thread: Thread }>('thread/start', { profile: 'aws' });
    bedrock.script([
      {
        steps: [
          { type: 'text', text: echo, chunks: 17 },
          call('sh1', 'shell', { command: [process.execPath, '-e', ENV_PROBE, CANARY.awsSecret] }),
          call('ap1', 'apply_patch', { input: codexPatch(['*** Add File: notes.txt', `+OPENAI_API_KEY=${CANARY.openaiKey}`]) }),
        ],
      },
      { steps: [{ type: 'text', text: `Saved ${CANARY.openaiKey} to notes.txt.` }] },
    ]);
    assert.equal((await finished(t2.id, 'Save my key')).status, 'completed');
    assert.match(toolResults(bedrock.requests[1]).get('sh1')?.output ?? '', /^cloud vars: none$/m);
    assert.equal(fs.readFileSync(path.join(ws, 'notes.txt'), 'utf8'), `OPENAI_API_KEY=${CANARY.openaiKey}\n`);

    // An error from the cloud quotes a secret.
    bedrock.script([
      {
        steps: [],
        expect: () => {
          throw new Error(`The security token ${CANARY.awsSession} included in the request is not valid for this operation.`);
        },
      },
    ]);
    const failed = await finished(t2.id, 'Again');
    assert.equal(failed.status, 'failed');

    // Allowed by the user: the command sees the credentials.
    await engine.settings(settings({ shellPassCloudCredentials: true }));
    bedrock.script([{ steps: [call('sh2', 'shell', { command: [process.execPath, '-e', ENV_PROBE] })] }, { steps: [{ type: 'text', text: 'OK.' }] }]);
    assert.equal((await finished(t2.id, 'And now?')).status, 'completed');
    assert.match(toolResults(bedrock.requests.at(-1)).get('sh2')?.output ?? '', /^cloud vars: .*AWS_ACCESS_KEY_ID.*AWS_SECRET_ACCESS_KEY.*AWS_SESSION_TOKEN.*OPENAI_API_KEY/m);

    // What the editor gets back when it reopens the threads.
    const resumed = [await engine.request<unknown>('thread/resume', { threadId: t1.id }), await engine.request<unknown>('thread/resume', { threadId: t2.id })];
    const history = await engine.request<{ threads: Array<{ title: string }> }>('thread/list', {});
    assert.ok(history.threads.some((t) => t.title.startsWith('What are my keys? One is')), JSON.stringify(history));

    // The test is not vacuous: the model did receive the secrets, and the failure was logged.
    assert.ok(SECRETS.every((s) => JSON.stringify(bedrock.requests.map((r) => r.messages)).includes(s)));
    assert.ok(engine.logs.some((l) => /failed/.test(l)), 'the failed turn was logged');

    const p = engine;
    await p.kill();
    engine = undefined;
    const found = (what: string, text: string) => SECRETS.filter((x) => text.includes(x)).map((x) => `${what} holds ${x.slice(0, 6)}…`);
    // The state folder: threads (and the pieces they were streamed in), ledger, audit log.
    assert.deepEqual(secretLeaks(state, SECRETS), []);
    // The engine's log: the Output panel and stderr.
    assert.deepEqual(found('the log', p.logs.join('\n')), []);
    // What the editor (the sidebar webview, the diff view) is sent, streamed text put back together.
    const streamed = new Map<string, string>();
    for (const d of p.of<{ itemId: string; delta: string }>('item/agentMessage/delta')) streamed.set(d.itemId, (streamed.get(d.itemId) ?? '') + d.delta);
    assert.deepEqual(found('a notification', JSON.stringify(p.notifications)), []);
    assert.deepEqual(found('the streamed answer', [...streamed.values()].join('\n')), []);
    assert.deepEqual(found('thread/resume', JSON.stringify(resumed)), []);
    assert.deepEqual(found('thread/list', JSON.stringify(history)), []);
    fs.rmSync(base, { recursive: true, force: true });
  });
});
