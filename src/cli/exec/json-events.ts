// `crosswind exec --json`: one JSON event per line on stdout — the protocol's thread/turn/item events
// with '/' spelled '.', one item.started and one item.completed per item (a later change is an
// item.updated), and a final turn.completed with usage and cost.
import type { Writable } from 'node:stream';
import type { EngineNotificationMethod, EngineNotificationParams } from '../../protocol';

/** One JSON line per event on `stdout`. */
export function jsonEventWriter(stdout: Writable) {
  return jsonEvents((event) => stdout.write(JSON.stringify(event) + '\n'));
}

/** The same events as objects, for a front end that carries them elsewhere (`crosswind serve` numbers and keeps them). */
export function jsonEvents(onEvent: (event: { type: string; [key: string]: unknown }) => void) {
  const started = new Set<string>();
  const completed = new Set<string>();
  return <M extends EngineNotificationMethod>(method: M, params: EngineNotificationParams<M>): void => {
    // Deltas: item.completed carries the whole text. thread/updated: the history list of the editor.
    if (method === 'item/agentMessage/delta' || method === 'item/reasoning/delta' || method === 'thread/updated') return;
    let type = method.replace(/\//g, '.');
    // One item.started and one item.completed per item. The engine completes some items again when they
    // change — a retry notice says which attempt is next — which the editor shows by replacing the item;
    // here that later state is an item.updated.
    if (method === 'item/started' || method === 'item/completed') {
      const id = (params as EngineNotificationParams<'item/started'>).item.id;
      const seen = method === 'item/started' ? started : completed;
      if (seen.has(id)) {
        if (method === 'item/started') return;
        type = 'item.updated';
      }
      seen.add(id);
    }
    const extra =
      method === 'turn/completed'
        ? (() => {
            const p = params as EngineNotificationParams<'turn/completed'>;
            return { usage: p.turn.usage, cost: p.turn.cost };
          })()
        : {};
    onEvent({ type, ...params, ...extra });
  };
}
