// Every engine request the server answers, one entry per method of src/protocol/methods.ts
// `engineRequests`. The table's type is mapped over those methods: a method without a handler (or a
// handler for no method) does not compile. An answer longer than a few lines gets a file of its own.
import { redactValue } from '../../shared';
import { auditShow } from './audit-show';
import { cloudTaskHandlers } from './cloud-task';
import type { RequestHandlers } from './handler';

export const requestHandlers: RequestHandlers = {
  'mcp/status': async (_params, { engine }) => redactValue(engine.mcpStatus()),
  'thread/start': async (params, { engine }) => ({ thread: await engine.startThread(params) }),
  // The thread in memory holds what the model said verbatim; the views get it redacted, as the file has it.
  'thread/resume': async ({ threadId }, { engine }) => ({ thread: redactValue(await engine.resumeThread(threadId)) }),
  // Titles come from the user's first prompt: redacted like everything else the views are sent.
  'thread/list': async (_params, { engine }) => ({ threads: redactValue(await engine.listThreads()) }),
  // Answers as soon as the turn has started; its progress arrives as notifications. No $/progress: the
  // editor says itself whether the turn is working or waiting for the user (src/extension/turn-activity.ts).
  'turn/start': async (params, { engine }) => ({ turn: (await engine.startTurn(params)).turn }),
  'turn/interrupt': async ({ threadId, turnId }, { engine }) => {
    await engine.interruptTurn(threadId, turnId);
    return {};
  },
  'patch/decide': ({ threadId, patchId, decisions }, { engine }) => engine.decidePatch(threadId, patchId, decisions),
  'patch/apply': ({ threadId, patchId }, { engine }) => engine.applyPatch(threadId, patchId),
  'patch/reject': ({ threadId, patchId, reason }, { engine }) => engine.rejectPatch(threadId, patchId, reason),
  'patch/edit': ({ threadId, patchId, path, content }, { engine }) => engine.editPatch(threadId, patchId, path, content),
  'patch/revert': ({ threadId, patchId }, { engine }) => engine.revertPatch(threadId, patchId),
  'patch/preview': ({ threadId, patchId, path }, { engine }) => engine.previewPatch(threadId, patchId, path),
  'settings/update': async ({ settings }, { engine, learnSecrets }) => {
    engine.updateSettings(settings);
    await learnSecrets(settings.profiles);
    return {};
  },
  'provider/test': ({ profile, draft }, { engine, progress }) => progress(`Testing the connection of ${draft?.name ?? profile}…`, () => engine.testProvider(draft ?? profile ?? '')),
  'provider/models': ({ profile, draft }, { engine, progress }) => progress(`Listing the models of ${draft?.name ?? profile}…`, () => engine.listModels(draft ?? profile ?? '')),
  'cost/report': (params, { engine }) => engine.costReport(params),
  'audit/show': auditShow,
  'checkpoint/list': (_params, { engine }) => engine.listCheckpoints(),
  'checkpoint/restore': ({ checkpointId }, { engine, progress }) => progress('Crosswind: restoring a checkpoint', () => engine.restoreCheckpoint(checkpointId)),
  ...cloudTaskHandlers,
};
