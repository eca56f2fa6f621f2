// The sidebar's cloud task messages: "Run in the cloud" beside Send, and the Cloud Tasks list's cancel
// and open. Each is the engine's request by the same name; the host then shows the task's thread (where
// its events, and later its patch card, appear) and keeps the list current.
import type { HostToWebview } from '../../protocol';
import type { EngineConnection } from '../engine/engine-connection';
import type { WebviewMessageHandlers } from './webview-dispatch';

type CloudTaskMessageHandlers = Pick<WebviewMessageHandlers, 'cloudTask/start' | 'cloudTask/list' | 'cloudTask/cancel' | 'cloudTask/review'>;

export interface CloudTaskHandlerDeps {
  engine: EngineConnection;
  /** Shows a thread in the sidebar. */
  show(threadId: string): Promise<void>;
  post(message: HostToWebview): Thenable<boolean>;
}

export function cloudTaskHandlers(deps: CloudTaskHandlerDeps): CloudTaskMessageHandlers {
  const list = async () => {
    const { tasks } = await deps.engine.request('cloudTask/list', {});
    await deps.post({ type: 'cloudTasks', tasks });
  };
  return {
    'cloudTask/start': async (p) => {
      const { task } = await deps.engine.request('cloudTask/start', p);
      await deps.show(task.threadId);
      await list();
    },
    'cloudTask/list': list,
    'cloudTask/cancel': async (p) => {
      await deps.engine.request('cloudTask/cancel', p);
    },
    // "Open": the task's thread; for a finished task its patch reviewed (again, after a refusal), and for
    // one not followed since a restart its status fetched.
    'cloudTask/review': async (p) => {
      const { task } = await deps.engine.request('cloudTask/review', p);
      await deps.show(task.threadId);
    },
  };
}
