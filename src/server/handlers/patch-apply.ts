import { handler } from './handler';

export const patchApply = handler({
  method: 'patch/apply',
  handle: ({ threadId, patchId }, { engine }) => engine.applyPatch(threadId, patchId),
});
