// action "start": begins the task in the background and answers at once with its id and status.
import type { CloudTaskStartRequest, CloudTaskStartResult } from '../../../protocol';
import type { Invoker } from '../task';
import type { TaskRegistry } from '../task-registry';

export function handleStart(registry: TaskRegistry, request: CloudTaskStartRequest, invoker: Invoker): CloudTaskStartResult {
  const task = registry.start(request, invoker);
  return { taskId: task.taskId, status: task.status };
}
