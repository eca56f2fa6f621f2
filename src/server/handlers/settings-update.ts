import { handler } from './handler';

export const settingsUpdate = handler({
  method: 'settings/update',
  handle: async ({ settings }, { engine, learnSecrets }) => {
    engine.updateSettings(settings);
    await learnSecrets(settings.profiles);
    return {};
  },
});
