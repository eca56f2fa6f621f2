// Every engine request the server answers (src/protocol/methods.ts `engineRequests`).
import { auditShow } from './audit-show';
import { costReport } from './cost-report';
import type { AnyRequestHandler } from './handler';
import { patchApply } from './patch-apply';
import { patchDecide } from './patch-decide';
import { patchPreview } from './patch-preview';
import { patchReject } from './patch-reject';
import { patchRevert } from './patch-revert';
import { providerModels } from './provider-models';
import { providerTest } from './provider-test';
import { settingsUpdate } from './settings-update';
import { threadList } from './thread-list';
import { threadResume } from './thread-resume';
import { threadStart } from './thread-start';
import { turnInterrupt } from './turn-interrupt';
import { turnStart } from './turn-start';

export const requestHandlers: AnyRequestHandler[] = [
  threadStart,
  threadResume,
  threadList,
  turnStart,
  turnInterrupt,
  patchDecide,
  patchApply,
  patchReject,
  patchRevert,
  patchPreview,
  settingsUpdate,
  providerTest,
  providerModels,
  costReport,
  auditShow,
];
