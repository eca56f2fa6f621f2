// The engine process over its real language-server connection (stdio here; VS Code uses IPC): it
// answers initialize, runs a turn against a loopback cloud, and when the process is killed mid-turn a
// new process resumes the thread with nothing lost — the half-streamed answer marked interrupted.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import { EngineSettings, type Thread } from '../../../src/protocol';
import { startCloud, type Cloud } from '../../support/engine-harness';

const ROOT = path.resolve(__dirname, '../../..');

interface EngineProcess {
  child: ChildProcess;
  rpc: MessageConnection;
  notifications: { method: string; params: unknown }[];
}

type InitializeAnswer = { capabilities: { experimental: { crosswind: { protocolVersion: number; tools: string[]; processId?: number } } } };

function initialize(rpc: MessageConnection, initializationOptions: unknown): Promise<InitializeAnswer> {
  return rpc.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { window: { workDoneProgress: true } }, initializationOptions });
}

function spawnEngine(storage: string, env: Record<string, string>): EngineProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server/server.ts'), '--stdio'], {
    cwd: ROOT,
    env: { ...process.env, ...env, HOME: storage },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const notifications: EngineProcess['notifications'] = [];
  rpc.onNotification((method, params) => void notifications.push({ method, params }));
  // The editor's side of what the engine may ask: progress bars, and nothing else in these tests.
  rpc.onRequest('window/workDoneProgress/create', () => null);
  rpc.onRequest((method) => {
    throw new Error(`unexpected request ${method}`);
  });
  rpc.listen();
  return { child, rpc, notifications };
}

async function startEngine(workspace: string, storage: string, env: Record<string, string>): Promise<EngineProcess & { init: InitializeAnswer }> {
  const engine = spawnEngine(storage, env);
  const init = await initialize(engine.rpc, { workspaceRoot: workspace, storagePath: storage });
  assert.equal(init.capabilities.experimental.crosswind.protocolVersion, 1);
  await engine.rpc.sendNotification('initialized', {});
  return { ...engine, init };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('engine server process', function () {
  this.timeout(60_000);
  let cloud: Cloud;
  let dir: string;
  const procs: EngineProcess[] = [];

  before(async () => {
    cloud = await startCloud('bedrock');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-server-'));
    fs.mkdirSync(path.join(dir, 'ws'));
    fs.writeFileSync(path.join(dir, 'ws', 'README.md'), '# hello\n');
  });
  after(async () => {
    for (const p of procs) {
      p.rpc.dispose();
      p.child.kill('SIGKILL');
    }
    await cloud.close();
  });

  it('says its process id in initialize (what the editor logs and its restart test kills)', async () => {
    const engine = await startEngine(path.join(dir, 'ws'), path.join(dir, 'storage-pid'), cloud.env);
    procs.push(engine);
    assert.ok(engine.child.pid);
    assert.equal(engine.init.capabilities.experimental.crosswind.processId, engine.child.pid);
  });

  it('refuses initialization options of the wrong shape with a message that names them, instead of ignoring them', async () => {
    const engine = spawnEngine(path.join(dir, 'storage-bad'), cloud.env);
    procs.push(engine);
    await assert.rejects(initialize(engine.rpc, { workspaceRoot: path.join(dir, 'ws'), cloudEnvironment: 'AWS_PROFILE=dev' }), (e: Error) => {
      assert.match(e.message, /Invalid initialization options/);
      assert.match(e.message, /cloudEnvironment/);
      return true;
    });
  });

  it('resumes a thread after the engine process is killed mid-turn, with the partial answer marked interrupted', async () => {
    const storage = path.join(dir, 'storage');
    const settings = EngineSettings.parse({ profiles: [cloud.profile], activeProfile: cloud.profile.name, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const first = await startEngine(path.join(dir, 'ws'), storage, cloud.env);
    procs.push(first);
    await first.rpc.sendRequest('settings/update', { settings });
    const { thread } = (await first.rpc.sendRequest('thread/start', {})) as { thread: Thread };
    cloud.script([{ steps: [{ type: 'text', text: 'partial answer '.repeat(100), chunks: 100 }], delayMs: 40 }]);
    await first.rpc.sendRequest('turn/start', { threadId: thread.id, text: 'Tell me a long story' });
    // Wait until some of the answer has streamed and been persisted (deltas are flushed every 400 ms).
    await waitFor('deltas', () => first.notifications.filter((n) => n.method === 'item/agentMessage/delta').length >= 15);
    await new Promise((r) => setTimeout(r, 600));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startEngine(path.join(dir, 'ws'), storage, cloud.env);
    procs.push(second);
    await second.rpc.sendRequest('settings/update', { settings });
    const resumed = ((await second.rpc.sendRequest('thread/resume', { threadId: thread.id })) as { thread: Thread }).thread;
    assert.equal(resumed.turns.length, 1);
    assert.equal(resumed.turns[0]!.status, 'interrupted');
    const user = resumed.items.find((i) => i.type === 'userMessage');
    assert.equal(user?.type === 'userMessage' && user.text, 'Tell me a long story');
    const answer = resumed.items.find((i) => i.type === 'agentMessage');
    assert.ok(answer?.type === 'agentMessage');
    assert.equal(answer.status, 'interrupted');
    assert.ok(answer.text.startsWith('partial answer partial answer'), `kept: ${answer.text.slice(0, 60)}`);

    // The conversation continues on the resumed thread.
    cloud.script([{ steps: [{ type: 'text', text: 'Continuing where I stopped.' }] }]);
    await second.rpc.sendRequest('turn/start', { threadId: thread.id, text: 'Go on' });
    await waitFor('turn/completed', () => second.notifications.some((n) => n.method === 'turn/completed'));
    const last = cloud.requests[cloud.requests.length - 1]!;
    const texts = last.messages.map((m) => ('text' in m ? m.text : '')).join('\n');
    assert.match(texts, /Tell me a long story/);
    assert.match(texts, /partial answer[\s\S]*\[interrupted: the engine stopped\]/);
    assert.match(texts, /Go on/);
  });
});
