import { handler } from './handler';

export const patchReject = handler({
  method: 'patch/reject',
  handle: ({ threadId, patchId, reason }, { engine }) => engine.rejectPatch(threadId, patchId, reason),
});
