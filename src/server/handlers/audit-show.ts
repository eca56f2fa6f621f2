import { describeVerification, readAuditLogReport } from '../../host/audit-report';
import type { RequestHandler } from './handler';

/** "Crosswind: Show Audit Log": the log verified, one readable line per record. */
export const auditShow: RequestHandler<'audit/show'> = async (_params, { auditLogPath, auditKey }) => {
  const r = await readAuditLogReport(auditLogPath, await auditKey());
  if (!r.exists) return { path: r.path, exists: false, intact: true, verdict: 'No audit log yet: it is written from the first model request on.', lines: [] };
  return { path: r.path, exists: true, intact: r.verification.ok, verdict: describeVerification(r.verification), lines: r.lines };
};
