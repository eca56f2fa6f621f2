// action "result": the status, and once the task has ended its patch, cost and audit log with its head.
import type { CloudTaskResult } from '../../../protocol';
import type { TaskRegistry } from '../task-registry';

export function handleResult(registry: TaskRegistry, taskId: string): Promise<CloudTaskResult> {
  return registry.get(taskId).result();
}
