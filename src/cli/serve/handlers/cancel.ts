// action "cancel": stops the task (its turn is interrupted, its commands end) and answers at once; the
// status becomes "cancelled" when it has ended — read it with events or result.
import type { CloudTaskCancelResult } from '../../../protocol';
import type { TaskRegistry } from '../task-registry';

export function handleCancel(registry: TaskRegistry, taskId: string): CloudTaskCancelResult {
  const task = registry.get(taskId);
  task.stop('cancelled');
  return { taskId: task.taskId, status: task.status };
}
