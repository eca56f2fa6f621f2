// A cloud task's events for a person: the exec events go through exec's own human writer (turned back
// into the notifications they were made from), the agent's messages — which exec streams as deltas, and
// a cloud task carries whole — are printed when they complete, and the task.* events get one line each.
// --json prints the events as they came, one per line.
import type { Writable } from 'node:stream';
import { formatCost } from '../../shared';
import type { CloudTaskEvent, EngineNotificationMethod, EngineNotificationParams } from '../../protocol';
import { humanEventWriter } from '../exec/human-output';
import { sanitizingStream } from '../exec/terminal-text';

export function cloudEventPrinter(stdout: Writable, stderr: Writable, json: boolean): (event: CloudTaskEvent) => void {
  if (json) return (event) => stdout.write(JSON.stringify(event) + '\n');
  const out = sanitizingStream(stdout);
  const err = sanitizingStream(stderr);
  const human = humanEventWriter(out, err);
  return (event) => {
    const e = event as CloudTaskEvent & Record<string, unknown>;
    switch (e.type) {
      case 'task.started': {
        const identity = e.identity as { runtimeIdentity?: string } | undefined;
        const base = e.base as { commit?: string } | undefined;
        err.write(`task ${String(e.taskId)} started on ${base?.commit?.slice(0, 12) ?? '?'} as ${identity?.runtimeIdentity ?? 'unknown'} (${String(e.approval)})\n`);
        return;
      }
      case 'task.finished': {
        const error = e.error as { message?: string; fix?: string } | undefined;
        const cost = typeof e.costUsd === 'number' ? formatCost({ usd: e.costUsd, partialUsd: e.costUsd, unpricedModels: [] }) : 'cost unknown';
        err.write(`task ${String(e.status)} (${cost})${error?.message ? `: ${error.message}` : ''}${error?.fix ? `\n  fix: ${error.fix}` : ''}\n`);
        return;
      }
      case 'thread.started':
        return;
      default:
        break;
    }
    const method = (e.type === 'item.updated' ? 'item/completed' : e.type.replace(/\./g, '/')) as EngineNotificationMethod;
    const { seq: _seq, type: _type, ...params } = e;
    if (method === 'item/completed') {
      const item = (params as { item?: { type?: string; text?: string } }).item;
      if (item?.type === 'agentMessage' && item.text) out.write(item.text.endsWith('\n') ? item.text : item.text + '\n');
    }
    human(method, params as EngineNotificationParams<typeof method>);
  };
}
