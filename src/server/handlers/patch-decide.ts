import { handler } from './handler';

export const patchDecide = handler({
  method: 'patch/decide',
  handle: ({ threadId, patchId, decisions }, { engine }) => engine.decidePatch(threadId, patchId, decisions),
});
