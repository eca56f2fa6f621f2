import assert from 'node:assert/strict';
import { canonicalJson, recordHash, verifyAuditLog, verifyAuditText, type AuditRecord } from '../../../src/core/audit';
import { nodeHasher } from '../../../src/host/node-hasher';
import { sampleLog } from './helpers';

type Failure = Extract<ReturnType<typeof verifyAuditLog>, { ok: false }>;

function failure(result: ReturnType<typeof verifyAuditLog>): Failure {
  assert.equal(result.ok, false, 'the damage went unnoticed');
  return result as Failure;
}

/** Re-signs a record as a forger would, so only the chain can give it away. */
function resign(line: string, edit: (r: AuditRecord) => void): string {
  const r = JSON.parse(line) as AuditRecord;
  edit(r);
  return canonicalJson({ ...r, hash: recordHash(r, nodeHasher) });
}

describe('audit log verification', () => {
  it('accepts an intact log, with or without its head', async () => {
    const { lines, head } = await sampleLog();
    assert.deepEqual(verifyAuditText(lines.join('\n') + '\n', nodeHasher, { head }), { ok: true, records: 6, last: head });
    assert.equal(verifyAuditLog(lines, nodeHasher).ok, true);
    assert.deepEqual(verifyAuditText('', nodeHasher), { ok: true, records: 0, last: undefined });
  });

  it('finds a record whose content was edited', async () => {
    const { lines } = await sampleLog();
    lines[2] = lines[2]!.replace('"decision":"accept"', '"decision":"decline"');
    const f = failure(verifyAuditLog(lines, nodeHasher));
    assert.deepEqual([f.line, f.seq, f.problem, f.records], [3, 3, 'hash mismatch', 2]);
    assert.match(f.message, /record 3 on line 3 was altered after it was written/);
  });

  it('finds an edited record even when its own hash was recomputed', async () => {
    const { lines } = await sampleLog();
    lines[1] = resign(lines[1]!, (r) => {
      (r.event as { tool: string }).tool = 'write_file';
    });
    const f = failure(verifyAuditLog(lines, nodeHasher));
    assert.deepEqual([f.line, f.seq, f.problem], [3, 3, 'broken chain (record missing or reordered)']);
    assert.match(f.message, /does not follow from line 2/);
  });

  it('finds two records swapped', async () => {
    const { lines } = await sampleLog();
    [lines[2], lines[3]] = [lines[3]!, lines[2]!];
    const f = failure(verifyAuditLog(lines, nodeHasher));
    assert.deepEqual([f.line, f.seq, f.problem], [3, 4, 'broken chain (record missing or reordered)']);
    assert.match(f.message, /line 3 holds record 4, but the record it follows \(3\) comes later, at line 4: records were reordered/);
  });

  it('finds a record deleted from the middle, naming the missing record', async () => {
    const { lines } = await sampleLog();
    lines.splice(2, 1);
    const f = failure(verifyAuditLog(lines, nodeHasher));
    assert.deepEqual([f.line, f.seq, f.problem], [3, 4, 'broken chain (record missing or reordered)']);
    assert.match(f.message, /record 3 is missing before line 3/);
    const first = failure(verifyAuditLog((await sampleLog()).lines.slice(2), nodeHasher));
    assert.match(first.message, /the log starts at record 3: records 1–2 are missing from its beginning/);
  });

  it('finds a last line cut off mid-write', async () => {
    const { lines } = await sampleLog();
    const text = lines.join('\n') + '\n';
    const f = failure(verifyAuditText(text.slice(0, text.length - 40), nodeHasher));
    assert.deepEqual([f.line, f.problem, f.records], [6, 'truncated last line', 5]);
  });

  it('finds records removed from the end, given the head it was anchored to', async () => {
    const { lines, head } = await sampleLog();
    const cut = lines.slice(0, 4).join('\n') + '\n';
    // Without the head a clean cut looks like a shorter, intact log: that is what the head is for.
    assert.equal(verifyAuditText(cut, nodeHasher).ok, true);
    const f = failure(verifyAuditText(cut, nodeHasher, { head }));
    assert.deepEqual([f.line, f.seq, f.problem], [5, 5, 'records missing at the end']);
    assert.match(f.message, /records 5–6 are missing from the end of the log: it ends with record 4/);
    // A log rewritten from some record on no longer matches the head's hash for it.
    const rewritten = [...lines.slice(0, 5), resign(lines[5]!, (r) => (r.at += 1))];
    assert.equal(failure(verifyAuditLog(rewritten, nodeHasher, { head })).problem, 'hash mismatch');
  });

  it('names a line that is not a record at all, and a writer that skipped sequence numbers', async () => {
    const { lines } = await sampleLog();
    const garbled = [...lines.slice(0, 3), 'hello', ...lines.slice(3)];
    const f = failure(verifyAuditText(garbled.join('\n') + '\n', nodeHasher));
    assert.deepEqual([f.line, f.problem], [4, 'unparseable line']);
    const skipping = [lines[0]!, resign(lines[1]!, (r) => (r.seq = 5))];
    const g = failure(verifyAuditLog(skipping, nodeHasher));
    assert.deepEqual([g.line, g.seq, g.problem], [2, 5, 'sequence gap']);
  });
});
