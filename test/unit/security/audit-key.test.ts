// Red-team attack 4, second half: a process that could write the audit log rewrote it and its .head
// file, and `crosswind audit verify` said "chain intact" — the chain had no key. Now records and head are
// HMACs with a key kept outside the log's folder (and hidden from sandboxed commands), so a rewrite by
// anyone without the key fails verification.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { canonicalJson } from '../../../src/core/audit/canonical-json';
import { nodeHasher } from '../../../src/host/node-hasher';
import { AttackLab, CLI } from '../../support/exec-attack';

const TSX = pathToFileURL(path.resolve(__dirname, '../../../node_modules/tsx/dist/loader.mjs')).href;

function verify(lab: AttackLab, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, 'audit', 'verify', ...args], { cwd: lab.dir, env: { PATH: process.env.PATH ?? '', ...lab.env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

interface Rec {
  v: number;
  seq: number;
  at: number;
  prevHash: string;
  event: Record<string, unknown>;
  hash: string;
}

/** What an attacker with write access but no key can do: edit a record and recompute the plain SHA-256 chain and head. */
function forge(log: string, edit: (records: Rec[]) => Rec[]): void {
  const records = edit(
    fs
      .readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Rec),
  );
  let prev = '0'.repeat(64);
  const out = records.map((r, i) => {
    const unsigned = { v: 1, seq: i + 1, at: r.at, prevHash: prev, event: r.event };
    const hash = nodeHasher.sha256Hex(canonicalJson(unsigned));
    prev = hash;
    return { ...unsigned, hash };
  });
  fs.writeFileSync(log, out.map((r) => canonicalJson(r)).join('\n') + '\n');
  const last = out[out.length - 1]!;
  fs.writeFileSync(`${log}.head`, JSON.stringify({ seq: last.seq, hash: last.hash }) + '\n');
}

describe('attack: the audit log and its head are rewritten (crosswind exec + audit verify)', function () {
  this.timeout(120_000);
  let lab: AttackLab;
  let log: string;
  beforeEach(async () => {
    lab = await AttackLab.start();
    log = path.join(lab.env.XDG_STATE_HOME!, 'crosswind', 'audit.jsonl');
    lab.cloud.script([
      { steps: [{ type: 'toolCall', name: 'shell', input: { command: ['sh', '-c', 'echo hi'] } }] },
      { steps: [{ type: 'text', text: 'Done.' }] },
    ]);
    const run = await lab.exec(['--approval', 'full-auto', 'say hi']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(verify(lab).code, 0, verify(lab).out);
  });
  afterEach(() => lab.close());

  it('detects records edited and re-chained without the key', () => {
    forge(log, (records) => records.map((r) => (r.event.type === 'toolCall' ? { ...r, event: { ...r.event, decidedBy: 'user', decision: 'accept' } } : r)));
    const r = verify(lab);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /not (keyed|authenticated)/);
  });

  it('detects records cut from the end with the head rewritten to match', () => {
    forge(log, (records) => records.slice(0, -1));
    const r = verify(lab);
    assert.equal(r.code, 1, r.out);
  });

  it('keeps the key in a 0600 file outside the state folder, never in the log', () => {
    const keyFile = path.join(lab.home, '.config', 'crosswind', 'audit.key');
    const stat = fs.statSync(keyFile);
    assert.equal(stat.mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(keyFile)).mode & 0o777, 0o700);
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.ok(!fs.readFileSync(log, 'utf8').includes(key));
    // Without the key, a keyed log cannot be checked at all (never "intact").
    fs.renameSync(keyFile, `${keyFile}.away`);
    const r = verify(lab);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /key/);
  });
});
