import type { CommandModule } from './command';

export const restartEngineCommand: CommandModule = {
  id: 'crosswind.restartEngine',
  run: async ({ engine, approvals }) => {
    approvals.cancelAll();
    await engine.restart();
  },
};
