import assert from 'node:assert/strict';
import { AuditLogDamagedError, GENESIS_HASH, HashChainAuditLog, canonicalJson, digestArguments, verifyAuditLog, type AuditRecord } from '../../../src/core/audit';
import { nodeHasher } from '../../../src/host/node-hasher';
import { MemoryHead, MemorySink, sampleEvents, steppingClock } from './helpers';

const parse = (line: string) => JSON.parse(line) as AuditRecord;

describe('audit log', () => {
  it('chains each record to the one before it', async () => {
    const sink = new MemorySink();
    const log = new HashChainAuditLog({ sink, hasher: nodeHasher, clock: steppingClock() });
    for (const e of sampleEvents.slice(0, 3)) await log.record(e);
    const records = sink.lines.map(parse);
    assert.deepEqual(records.map((r) => r.seq), [1, 2, 3]);
    assert.equal(records[0]!.prevHash, GENESIS_HASH);
    assert.equal(records[1]!.prevHash, records[0]!.hash);
    assert.equal(records[2]!.prevHash, records[1]!.hash);
    assert.deepEqual(records[2]!.event, sampleEvents[2]);
    assert.deepEqual(verifyAuditLog(sink.lines, nodeHasher), { ok: true, records: 3, last: { seq: 3, hash: records[2]!.hash } });
  });

  it('continues the chain after a restart', async () => {
    const sink = new MemorySink();
    const head = new MemoryHead();
    await new HashChainAuditLog({ sink, hasher: nodeHasher, clock: steppingClock(), head }).record(sampleEvents[0]!);
    const restarted = new HashChainAuditLog({ sink, hasher: nodeHasher, clock: steppingClock(), head });
    await restarted.record(sampleEvents[1]!);
    await restarted.record(sampleEvents[2]!);
    assert.deepEqual(sink.lines.map((l) => parse(l).seq), [1, 2, 3]);
    assert.equal(verifyAuditLog(sink.lines, nodeHasher, { head: head.head }).ok, true);
  });

  it('never gives two concurrent records the same seq or previous hash', async () => {
    // A sink whose writes finish out of order, as awaited I/O can.
    const sink = new MemorySink();
    const slow = {
      lastLine: () => sink.lastLine(),
      appendLine: async (line: string) => {
        await new Promise((r) => setTimeout(r, (line.length * 7) % 5));
        await sink.appendLine(line);
      },
    };
    const log = new HashChainAuditLog({ sink: slow, hasher: nodeHasher, clock: steppingClock() });
    await Promise.all(Array.from({ length: 40 }, (_, i) => log.record(sampleEvents[i % sampleEvents.length]!)));
    assert.deepEqual(sink.lines.map((l) => parse(l).seq), Array.from({ length: 40 }, (_, i) => i + 1));
    assert.equal(verifyAuditLog(sink.lines, nodeHasher).ok, true);
  });

  it('refuses to write after a damaged or shortened log instead of starting a chain that hides it', async () => {
    const torn = new MemorySink();
    torn.lines = ['{"v":1,"seq":1,"at":1,"prevHash":"00'];
    const log = new HashChainAuditLog({ sink: torn, hasher: nodeHasher, clock: steppingClock(), where: '/tmp/audit.jsonl' });
    await assert.rejects(log.record(sampleEvents[0]!), (e: Error) => e instanceof AuditLogDamagedError && /last record is damaged/.test(e.message) && /crosswind audit verify \/tmp\/audit\.jsonl/.test(e.message));

    const cut = new MemorySink();
    const head = new MemoryHead();
    const writer = new HashChainAuditLog({ sink: cut, hasher: nodeHasher, clock: steppingClock(), head });
    for (const e of sampleEvents.slice(0, 3)) await writer.record(e);
    cut.lines.pop();
    const reopened = new HashChainAuditLog({ sink: cut, hasher: nodeHasher, clock: steppingClock(), head });
    await assert.rejects(reopened.record(sampleEvents[3]!), /ends at record 2, but record 3 was written/);
  });

  it('keeps recording after one write fails', async () => {
    const sink = new MemorySink();
    let fail = true;
    const flaky = {
      lastLine: () => sink.lastLine(),
      appendLine: async (line: string) => {
        if (fail) {
          fail = false;
          throw new Error('disk full');
        }
        await sink.appendLine(line);
      },
    };
    const log = new HashChainAuditLog({ sink: flaky, hasher: nodeHasher, clock: steppingClock() });
    await assert.rejects(log.record(sampleEvents[0]!), /disk full/);
    await log.record(sampleEvents[1]!);
    assert.deepEqual(sink.lines.map((l) => parse(l).seq), [1]);
    assert.equal(verifyAuditLog(sink.lines, nodeHasher).ok, true);
  });

  it('redacts secrets from every field before hashing and writing', async () => {
    const sink = new MemorySink();
    const log = new HashChainAuditLog({ sink, hasher: nodeHasher, clock: steppingClock() });
    const key = 'sk-proj-CANARYcanaryCANARYcanary1234567890';
    await log.record({ type: 'failover', threadId: 'thr_1', turnId: 'turn_1', fromProfile: 'openai', toProfile: 'azure', reason: `401 Incorrect API key provided: ${key}` });
    assert.ok(!sink.lines.join('\n').includes(key));
    assert.match(sink.lines[0]!, /Incorrect API key provided: \[REDACTED\]/);
    assert.equal(verifyAuditLog(sink.lines, nodeHasher).ok, true);
  });

  it('digests tool arguments the same way whatever their key order or spacing', () => {
    const a = digestArguments({ path: 'a.ts', opts: { b: 1, a: [1, 2] } }, nodeHasher);
    assert.equal(a, digestArguments('{ "opts": {"a": [1,2], "b": 1}, "path": "a.ts" }', nodeHasher));
    assert.notEqual(a, digestArguments({ path: 'b.ts', opts: { b: 1, a: [1, 2] } }, nodeHasher));
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.equal(canonicalJson({ b: [1, { d: undefined, c: -0 }], a: 'x' }), '{"a":"x","b":[1,{"c":0}]}');
  });
});
