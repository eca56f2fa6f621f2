// "Crosswind: Show Audit Log": the hash-chained audit log, verified, one readable line per record.
import type { CommandModule } from './command';

export const showAuditLogCommand: CommandModule = {
  id: 'crosswind.showAuditLog',
  run: ({ auditLog }) => auditLog.show(),
};
