import { handler } from './handler';

/** Answers as soon as the turn has started; its progress arrives as notifications. */
export const turnStart = handler({
  method: 'turn/start',
  handle: async (params, { engine, progress }) => {
    const { turn, done } = await engine.startTurn(params);
    void progress('Crosswind is working…', () => done);
    return { turn };
  },
});
