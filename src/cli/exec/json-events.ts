// `crosswind exec --json`: one JSON event per line on stdout — the protocol's thread/turn/item events
// with '/' spelled '.', and a final turn.completed with usage and cost.
import type { Writable } from 'node:stream';
import type { EngineNotificationMethod, EngineNotificationParams } from '../../protocol';

export function jsonEventWriter(stdout: Writable) {
  return <M extends EngineNotificationMethod>(method: M, params: EngineNotificationParams<M>): void => {
    // Deltas: item.completed carries the whole text. thread/updated: the history list of the editor.
    if (method === 'item/agentMessage/delta' || method === 'item/reasoning/delta' || method === 'thread/updated') return;
    const type = method.replace(/\//g, '.');
    const extra =
      method === 'turn/completed'
        ? (() => {
            const p = params as EngineNotificationParams<'turn/completed'>;
            return { usage: p.turn.usage, cost: p.turn.cost };
          })()
        : {};
    stdout.write(JSON.stringify({ type, ...params, ...extra }) + '\n');
  };
}
