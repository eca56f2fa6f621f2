import { handler } from './handler';

export const patchRevert = handler({
  method: 'patch/revert',
  handle: ({ threadId, patchId }, { engine }) => engine.revertPatch(threadId, patchId),
});
