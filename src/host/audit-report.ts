// The audit log as a person reads it: its verification (hash chain and head anchor) and one readable
// line per record. Shared by `crosswind audit` and the editor's "Show Audit Log".
import { describeAuditRecord, parseAuditLine, verifyAuditText, type AuditHead, type AuditVerification } from '../core/audit';
import { readTextIfExists } from './append-file';
import { auditHeadPath, FileAuditHead } from './audit-file';
import { nodeHasher } from './node-hasher';

export type AuditLogReport =
  | { exists: false; path: string }
  | {
      exists: true;
      path: string;
      /** Whether a head file anchored the end of the log (records cut from the end are detectable). */
      headChecked: boolean;
      verification: AuditVerification;
      /** One readable line per record, unreadable lines named by number. */
      lines: string[];
    };

/** `key`: the audit key (hex) the log was written with; without it only an unkeyed log verifies. */
export async function readAuditLogReport(file: string, key?: string): Promise<AuditLogReport> {
  const text = await readTextIfExists(file);
  if (text === undefined) return { exists: false, path: file };
  let head: AuditHead | undefined;
  let verification: AuditVerification;
  try {
    head = await new FileAuditHead(auditHeadPath(file)).read();
    verification = verifyAuditText(text, nodeHasher, { head, ...(key ? { key } : {}) });
  } catch (e) {
    verification = { ok: false, line: 0, problem: 'unparseable line', message: e instanceof Error ? e.message : String(e), records: 0 };
  }
  const lines: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = parseAuditLine(line);
    lines.push(parsed.ok ? describeAuditRecord(parsed.record) : `line ${i + 1}: unreadable (${parsed.reason})`);
  });
  return { exists: true, path: file, headChecked: head !== undefined, verification, lines };
}

/** One sentence about the log's integrity. */
export function describeVerification(v: AuditVerification): string {
  if (v.ok) return `OK: ${v.records} record${v.records === 1 ? '' : 's'}, chain intact`;
  const record = v.seq !== undefined ? ` (record ${v.seq})` : '';
  return `FAILED at line ${v.line}${record}: ${v.problem} — ${v.message}`;
}
