// "Crosswind: Open Raw Audit Log File": the JSONL file behind "Show Audit Log", as written.
import type { CommandModule } from './command';

export const openAuditLogFileCommand: CommandModule = {
  id: 'crosswind.openAuditLogFile',
  run: ({ auditLog }) => auditLog.openRaw(),
};
