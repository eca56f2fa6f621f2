// The cloud task requests ("Run in the cloud", the Cloud Tasks list): answered by the engine process's
// dispatcher (src/server/cloud/cloud-tasks.ts).
import type { RequestHandlers } from './handler';

type CloudTaskHandlers = Pick<RequestHandlers, 'cloudTask/start' | 'cloudTask/list' | 'cloudTask/cancel' | 'cloudTask/review'>;

export const cloudTaskHandlers: CloudTaskHandlers = {
  'cloudTask/start': async (params, { cloud }) => ({ task: await cloud.start(params) }),
  'cloudTask/list': async (_params, { cloud }) => ({ tasks: await cloud.list() }),
  'cloudTask/cancel': async ({ taskId }, { cloud }) => ({ task: await cloud.cancel(taskId) }),
  'cloudTask/review': async ({ taskId }, { cloud }) => ({ task: await cloud.review(taskId) }),
};
