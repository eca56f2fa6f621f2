import { handler } from './handler';

export const threadResume = handler({
  method: 'thread/resume',
  handle: async ({ threadId }, { engine }) => ({ thread: await engine.resumeThread(threadId) }),
});
