import { handler } from './handler';

export const settingsUpdate = handler({
  method: 'settings/update',
  handle: async ({ settings }, { engine }) => {
    engine.updateSettings(settings);
    return {};
  },
});
