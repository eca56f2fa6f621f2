import { handler } from './handler';

/**
 * Answers as soon as the turn has started; its progress arrives as notifications. No $/progress: the
 * editor says itself whether the turn is working or waiting for the user (src/extension/turn-activity.ts).
 */
export const turnStart = handler({
  method: 'turn/start',
  handle: async (params, { engine }) => {
    const { turn } = await engine.startTurn(params);
    return { turn };
  },
});
