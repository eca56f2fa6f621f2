import { handler } from './handler';

export const providerTest = handler({
  method: 'provider/test',
  handle: ({ profile, draft }, { engine, progress }) => progress(`Testing the connection of ${draft?.name ?? profile}…`, () => engine.testProvider(draft ?? profile ?? '')),
});
