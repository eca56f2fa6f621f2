import type { CommandModule } from './command';

export const showLogCommand: CommandModule = {
  id: 'crosswind.showLog',
  run: ({ log }) => log.show(),
};
