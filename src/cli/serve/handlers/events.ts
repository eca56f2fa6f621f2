// action "events": the task's events after `afterSeq`, a page at a time; with waitSeconds, waits for the
// next event (or the task's end) when there is none yet, so a follower needs few invocations.
import type { CloudTaskEventsRequest, CloudTaskEventsResult } from '../../../protocol';
import type { TaskRegistry } from '../task-registry';

export async function handleEvents(registry: TaskRegistry, request: CloudTaskEventsRequest): Promise<CloudTaskEventsResult> {
  const task = registry.get(request.taskId);
  if (request.waitSeconds) await task.events.waitFor(request.afterSeq, request.waitSeconds * 1000);
  const page = task.events.page(request.afterSeq, request.limit);
  return { taskId: task.taskId, events: page.events, status: task.status, lastSeq: page.lastSeq, more: page.more };
}
