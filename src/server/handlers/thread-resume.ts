import { redactValue } from '../../shared';
import { handler } from './handler';

export const threadResume = handler({
  method: 'thread/resume',
  // The thread in memory holds what the model said verbatim; the views get it redacted, as the file has it.
  handle: async ({ threadId }, { engine }) => ({ thread: redactValue(await engine.resumeThread(threadId)) }),
});
