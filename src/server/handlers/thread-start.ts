import { handler } from './handler';

export const threadStart = handler({
  method: 'thread/start',
  handle: async (params, { engine }) => ({ thread: await engine.startThread(params) }),
});
