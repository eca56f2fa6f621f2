import { handler } from './handler';

export const patchPreview = handler({
  method: 'patch/preview',
  handle: ({ threadId, patchId, path }, { engine }) => engine.previewPatch(threadId, patchId, path),
});
