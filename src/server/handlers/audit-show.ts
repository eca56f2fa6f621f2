import { describeVerification, readAuditLogReport } from '../../host/audit-report';
import { handler } from './handler';

export const auditShow = handler({
  method: 'audit/show',
  handle: async (_params, { auditLogPath, auditKey }) => {
    const r = await readAuditLogReport(auditLogPath, await auditKey());
    if (!r.exists) return { path: r.path, exists: false, intact: true, verdict: 'No audit log yet: it is written from the first model request on.', lines: [] };
    return { path: r.path, exists: true, intact: r.verification.ok, verdict: describeVerification(r.verification), lines: r.lines };
  },
});
