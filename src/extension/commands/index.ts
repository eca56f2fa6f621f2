// Every command the extension contributes (package.json `contributes.commands`).
import type { CommandModule } from './command';
import { diffAcceptAllCommand } from './diff-accept-all';
import { diffAcceptFileCommand } from './diff-accept-file';
import { diffDecideHunkCommand } from './diff-decide-hunk';
import { diffNextFileCommand } from './diff-next-file';
import { diffPreviousFileCommand } from './diff-previous-file';
import { diffRejectAllCommand } from './diff-reject-all';
import { diffRejectFileCommand } from './diff-reject-file';
import { explainSelectionCommand } from './explain-selection';
import { fixProblemsInFileCommand } from './fix-problems-in-file';
import { fixWithCrosswindCommand } from './fix-with-crosswind';
import { generateTestsCommand } from './generate-tests';
import { newConversationCommand } from './new-conversation';
import { openPatchDiffCommand } from './open-patch-diff';
import { refactorSelectionCommand } from './refactor-selection';
import { restartEngineCommand } from './restart-engine';
import { reviewPendingPatchesCommand } from './review-pending-patches';
import { showLogCommand } from './show-log';
import { costReportPeriodCommand } from './cost-report-period';
import { deleteProfileCommand } from './delete-profile';
import { exportCostReportCommand } from './export-cost-report';
import { openAuditLogFileCommand } from './open-audit-log-file';
import { selectProviderCommand } from './select-provider';
import { showAuditLogCommand } from './show-audit-log';
import { showCostReportCommand } from './show-cost-report';
import { switchProfileCommand } from './switch-profile';
import { testConnectionCommand } from './test-connection';

export const commandModules: CommandModule[] = [
  newConversationCommand,
  fixWithCrosswindCommand,
  restartEngineCommand,
  showLogCommand,
  // Editor commands: a turn on the selection or file that ends in the diff editor.
  refactorSelectionCommand,
  explainSelectionCommand,
  fixProblemsInFileCommand,
  generateTestsCommand,
  // Diff review.
  openPatchDiffCommand,
  reviewPendingPatchesCommand,
  diffDecideHunkCommand,
  diffAcceptFileCommand,
  diffRejectFileCommand,
  diffAcceptAllCommand,
  diffRejectAllCommand,
  diffNextFileCommand,
  diffPreviousFileCommand,
  // Providers: picker, profiles, connection test.
  selectProviderCommand,
  switchProfileCommand,
  testConnectionCommand,
  deleteProfileCommand,
  // Cost report and audit log.
  showCostReportCommand,
  costReportPeriodCommand,
  exportCostReportCommand,
  showAuditLogCommand,
  openAuditLogFileCommand,
];
