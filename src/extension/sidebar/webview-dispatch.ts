// Messages from the sidebar webview, validated and routed to their handler. The webview renders text a
// model wrote, so whatever it sends is untrusted: anything unknown or malformed is dropped and logged,
// a handler that fails is logged and reported, and nothing a message holds can make this throw.
// No VS Code import, so it is tested as it is (test/unit/resilience/fuzz.test.ts).
import { WebviewToHost, type WebviewMethod, type WebviewParams } from '../../protocol';

/** One handler per webview method (engine requests and editor messages): leaving one out does not compile. */
export type WebviewMessageHandlers = {
  [M in WebviewMethod]: (params: WebviewParams<M>) => Promise<void> | void;
};

export interface DispatchLog {
  warn(message: string): void;
  error(message: string): void;
}

export type DispatchOutcome = 'handled' | 'invalid' | 'unhandled' | 'failed';

/** What a dropped message claimed to be, for the log: never more than a short string, whatever it holds. */
function describe(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null || !('method' in raw)) return raw === null ? 'null' : typeof raw;
  const method = (raw as { method: unknown }).method;
  return typeof method === 'string' ? method.slice(0, 60) : typeof method;
}

export async function dispatchWebviewMessage(raw: unknown, handlers: WebviewMessageHandlers, log: DispatchLog, reportError: (message: string) => void): Promise<DispatchOutcome> {
  const parsed = WebviewToHost.safeParse(raw);
  if (!parsed.success) {
    // Cut: zod's message for an unknown type lists every valid one, and the list grows with the protocol.
    log.warn(`Dropped an invalid message from the sidebar (${describe(raw)}): ${(parsed.error.issues[0]?.message ?? 'invalid').slice(0, 200)}`);
    return 'invalid';
  }
  const { method, params } = parsed.data;
  // Own properties only: the method is one of the protocol's names, but the table is an object.
  const handler = Object.hasOwn(handlers, method) ? (handlers[method] as (p: typeof params) => Promise<void> | void) : undefined;
  if (!handler) {
    log.warn(`No handler for sidebar message '${method}'`);
    return 'unhandled';
  }
  try {
    await handler(params);
    return 'handled';
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    log.error(`Sidebar message '${method}' failed: ${text}`);
    reportError(text);
    return 'failed';
  }
}
