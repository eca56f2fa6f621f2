import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HashChainAuditLog, digestArguments, verifyAuditText } from '../../../src/core/audit';
import { pricerFromSettings } from '../../../src/core/cost';
import { type ServedBy } from '../../../src/protocol';
import { registerSecret } from '../../../src/shared';
import { auditHeadPath, FileAuditHead, FileAuditSink } from '../../../src/host/audit-file';
import { FileLedgerStore } from '../../../src/host/ledger-file';
import { nodeHasher } from '../../../src/host/node-hasher';
import { sampleEvents, steppingClock } from './helpers';

const sinks: FileAuditSink[] = [];

function fileLog(file: string): HashChainAuditLog {
  const sink = new FileAuditSink(file);
  sinks.push(sink);
  return new HashChainAuditLog({ sink, head: new FileAuditHead(auditHeadPath(file)), hasher: nodeHasher, clock: steppingClock(), where: file });
}

/** Every regular file under dir, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

describe('audit log on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-audit-'));
  });
  afterEach(() => {
    for (const sink of sinks.splice(0)) sink.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing folders, keeps the files private, and continues after a restart', async () => {
    const file = path.join(dir, 'state', 'crosswind', 'audit.jsonl');
    await fileLog(file).record(sampleEvents[0]!);
    await fileLog(file).record(sampleEvents[1]!);
    const text = fs.readFileSync(file, 'utf8');
    const head = await new FileAuditHead(auditHeadPath(file)).read();
    assert.deepEqual(verifyAuditText(text, nodeHasher, { head }), { ok: true, records: 2, last: head });
    if (process.platform !== 'win32') {
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.equal(fs.statSync(auditHeadPath(file)).mode & 0o777, 0o600);
    }
  });

  it('stops writing after a crash tore the last line, and finishes a last line missing only its newline', async () => {
    const file = path.join(dir, 'audit.jsonl');
    await fileLog(file).record(sampleEvents[0]!);
    const whole = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, whole.slice(0, -1)); // the newline never made it to disk
    await fileLog(file).record(sampleEvents[1]!);
    assert.equal(verifyAuditText(fs.readFileSync(file, 'utf8'), nodeHasher).ok, true);
    fs.appendFileSync(file, '{"v":1,"seq":3,"at":17');
    await assert.rejects(fileLog(file).record(sampleEvents[2]!), /last record is damaged/);
  });

  it('lets one process write a log at a time, and takes over the lock of one that died', async () => {
    const file = path.join(dir, 'audit.jsonl');
    // The parent process (the test runner's) is alive and is not us.
    fs.writeFileSync(`${file}.lock`, `${process.ppid}\n`);
    await assert.rejects(fileLog(file).record(sampleEvents[0]!), new RegExp(`being written by another process \\(pid ${process.ppid}\\)`));
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.writeFileSync(`${file}.lock`, `${dead}\n`);
    await fileLog(file).record(sampleEvents[0]!);
    assert.equal(fs.readFileSync(`${file}.lock`, 'utf8'), `${process.pid}\n`);
    for (const sink of sinks.splice(0)) sink.close();
    assert.equal(fs.existsSync(`${file}.lock`), false);
  });

  it('leaves no trace of a canary secret anywhere on disk after a session', async () => {
    const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY1';
    const openaiKey = 'sk-proj-CANARY0123456789abcdefCANARY0123';
    // The engine registers every credential it loads; the OpenAI key is caught by its shape alone.
    registerSecret(awsSecret);
    const canaries = [awsSecret, openaiKey, 'CANARY'];
    const auditFile = path.join(dir, 'audit.jsonl');
    const ledger = new FileLedgerStore(path.join(dir, 'ledger.jsonl'));
    const log = fileLog(auditFile);
    const pricer = pricerFromSettings({});
    const servedBy: ServedBy = { profile: 'bedrock-us', provider: 'bedrock', model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', location: 'us-east-1' };
    const usage = { inputTokens: 900, outputTokens: 120, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    const toolArgs = { command: ['bash', '-lc', `AWS_SECRET_ACCESS_KEY=${awsSecret} OPENAI_API_KEY=${openaiKey} ./deploy.sh`] };

    await log.record({ type: 'modelRequest', threadId: 'thr_1', turnId: 'turn_1', profile: 'bedrock-us', provider: 'bedrock', model: servedBy.model, identity: 'arn:aws:sts::123456789012:assumed-role/dev/alice', usage, cost: pricer.price(servedBy, usage), outcome: 'ok' });
    await ledger.append({ at: 1, threadId: 'thr_1', turnId: 'turn_1', servedBy, usage, cost: pricer.price(servedBy, usage) });
    await log.record({ type: 'toolCall', threadId: 'thr_1', turnId: 'turn_1', tool: 'shell', argumentsSha256: digestArguments(toolArgs, nodeHasher), decision: 'accept', decidedBy: 'user', outcome: 'error' });
    await log.record({ type: 'failover', threadId: 'thr_1', turnId: 'turn_1', fromProfile: 'openai', toProfile: 'bedrock-us', reason: `401: Incorrect API key provided: ${openaiKey}` });
    await log.record({ type: 'modelRequest', threadId: 'thr_1', turnId: 'turn_1', profile: 'bedrock-us', provider: 'bedrock', model: servedBy.model, outcome: 'error', errorKind: `SignatureDoesNotMatch for aws_secret_access_key=${awsSecret}`, identity: `bad secret ${awsSecret}` });

    const files = filesUnder(dir);
    assert.deepEqual(files.map((f) => path.basename(f)).sort(), ['audit.jsonl', 'audit.jsonl.head', 'audit.jsonl.lock', 'ledger.jsonl']);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const canary of canaries) assert.equal(bytes.includes(canary), false, `${canary} found in ${path.basename(f)}`);
    }
    assert.equal(verifyAuditText(fs.readFileSync(auditFile, 'utf8'), nodeHasher).ok, true);
  });
});
