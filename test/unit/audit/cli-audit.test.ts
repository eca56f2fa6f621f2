import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HashChainAuditLog } from '../../../src/core/audit';
import { auditHeadPath, FileAuditHead, FileAuditSink } from '../../../src/host/audit-file';
import { nodeHasher } from '../../../src/host/node-hasher';
import { runCli } from '../cost/run-cli';
import { sampleEvents, steppingClock } from './helpers';

describe('crosswind audit', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let file: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswind-cli-audit-'));
    env = { XDG_STATE_HOME: path.join(dir, 'state') };
    file = path.join(dir, 'state', 'crosswind', 'audit.jsonl');
    const sink = new FileAuditSink(file);
    const log = new HashChainAuditLog({ sink, head: new FileAuditHead(auditHeadPath(file)), hasher: nodeHasher, clock: steppingClock() });
    for (const e of sampleEvents) await log.record(e);
    sink.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('verifies the default log: exit 0 when intact', () => {
    const run = runCli(['audit', 'verify'], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'OK: 6 records, chain intact\n');
  });

  it('names the first broken record and exits 1 when a record was edited', () => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('read_file', 'rm_rf');
    fs.writeFileSync(path.join(dir, 'copy.jsonl'), lines.join('\n'));
    const run = runCli(['audit', 'verify', 'copy.jsonl'], { cwd: dir, env });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^FAILED at line 2 \(record 2\): hash mismatch — record 2 on line 2 was altered after it was written/);
  });

  it('finds records removed from the end through the head file', () => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    fs.writeFileSync(file, lines.slice(0, 5).join('\n') + '\n');
    const run = runCli(['audit', 'verify', '--format', 'json'], { cwd: dir, env });
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as { ok: boolean; problem: string; line: number; headChecked: boolean };
    assert.deepEqual([result.ok, result.problem, result.line, result.headChecked], [false, 'records missing at the end', 6, true]);
  });

  it('shows the log readably', () => {
    const run = runCli(['audit', 'show'], { cwd: dir, env });
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 6);
    assert.match(lines[0]!, /^#1 {2}2026-11-23 09:00:01Z {2}model request {2}bedrock-us: bedrock us\.anthropic\.claude-sonnet-4-5-20250929-v1:0 \(us-east-1 as arn:aws:sts::123456789012:assumed-role\/dev\/alice\) — 1,200 in, 0 cache read, 9,000 cache write, 300 out, \$0\.0457 — ok {2}\[thread thr_1, turn turn_1\]$/);
    assert.match(lines[2]!, /tool call +shell \(arguments sha256 bbbbbbbbbbbb\), accept by user — ok/);
    assert.match(lines[4]!, /failover +bedrock-us → azure-prod: throttled/);
  });

  it('exits 1 for a missing log and 2 for a missing subcommand', () => {
    const missing = runCli(['audit', 'verify', 'nope.jsonl'], { cwd: dir, env });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no audit log at .*nope\.jsonl/);
    const usage = runCli(['audit'], { cwd: dir, env });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage: crosswind audit verify/);
  });
});
