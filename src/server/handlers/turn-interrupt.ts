import { handler } from './handler';

export const turnInterrupt = handler({
  method: 'turn/interrupt',
  handle: async ({ threadId, turnId }, { engine }) => {
    await engine.interruptTurn(threadId, turnId);
    return {};
  },
});
