import { handler } from './handler';

export const providerModels = handler({
  method: 'provider/models',
  handle: ({ profile, draft }, { engine, progress }) => progress(`Listing the models of ${draft?.name ?? profile}…`, () => engine.listModels(draft ?? profile ?? '')),
});
