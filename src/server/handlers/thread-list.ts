import { redactValue } from '../../shared';
import { handler } from './handler';

export const threadList = handler({
  method: 'thread/list',
  // Titles come from the user's first prompt: redacted like everything else the views are sent.
  handle: async (_params, { engine }) => ({ threads: redactValue(await engine.listThreads()) }),
});
