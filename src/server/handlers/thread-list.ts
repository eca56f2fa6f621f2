import { handler } from './handler';

export const threadList = handler({
  method: 'thread/list',
  handle: async (_params, { engine }) => ({ threads: await engine.listThreads() }),
});
