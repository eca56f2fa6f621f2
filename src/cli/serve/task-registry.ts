// The tasks of one `crosswind serve` process, by id. AgentCore gives each runtime session its own microVM,
// and the dispatcher uses one session per task, so one task at a time is the default; --max-tasks allows
// more. A start repeated with the same id (the SDK retries an invocation whose answer was lost) returns
// the task already there instead of starting it twice. Finished tasks stay readable; past a hundred, the
// oldest finished ones are forgotten (their folders stay on disk).
import type { CloudTaskStartRequest } from '../../protocol';
import { PingState } from './ping-state';
import { CloudTask, type Invoker, type TaskContext } from './task';

const KEEP_FINISHED = 100;

export class RegistryError extends Error {
  constructor(
    readonly code: 'notFound' | 'busy' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export class TaskRegistry {
  private readonly tasks = new Map<string, CloudTask>();
  readonly ping = new PingState();
  private readonly ctx: TaskContext;

  constructor(
    ctx: Omit<TaskContext, 'onStatusChange'>,
    private readonly maxRunning: number,
  ) {
    this.ctx = { ...ctx, onStatusChange: () => this.changed() };
  }

  get runningCount(): number {
    let n = 0;
    for (const t of this.tasks.values()) if (t.status === 'running') n++;
    return n;
  }

  start(request: CloudTaskStartRequest, invoker: Invoker): CloudTask {
    const existing = this.tasks.get(request.taskId);
    if (existing) {
      if (existing.request.prompt !== request.prompt) throw new RegistryError('conflict', `task ${request.taskId} already exists with another prompt; choose a new task id`);
      return existing;
    }
    if (this.runningCount >= this.maxRunning) {
      throw new RegistryError('busy', `this runtime session already runs ${this.runningCount} task${this.runningCount === 1 ? '' : 's'} (the most it takes); start the task in a new session`);
    }
    const task = new CloudTask(request, invoker, this.ctx);
    this.tasks.set(request.taskId, task);
    this.changed();
    return task;
  }

  get(taskId: string): CloudTask {
    const task = this.tasks.get(taskId);
    if (!task) throw new RegistryError('notFound', `no task ${taskId} in this runtime session (a task lives in the session that started it)`);
    return task;
  }

  /** Stops every running task and waits for them to end (the process is being stopped). */
  async stopAll(): Promise<void> {
    const running = [...this.tasks.values()].filter((t) => t.status === 'running');
    for (const t of running) t.stop('cancelled');
    await Promise.all(running.map((t) => t.finished));
  }

  private changed(): void {
    this.ping.update(this.runningCount);
    const finished = [...this.tasks.values()].filter((t) => t.status !== 'running');
    for (const t of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(t.taskId);
  }
}
