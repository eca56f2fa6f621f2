// Messages from the sidebar webview, validated and routed to their handler. The webview renders text a
// model wrote, so whatever it sends is untrusted: anything unknown or malformed is dropped and logged,
// a handler that fails is logged and reported, and nothing a message holds can make this throw.
// No VS Code import, so it is tested as it is (test/unit/resilience/fuzz.test.ts).
import { WebviewToHost } from '../../protocol';

export type WebviewMessageHandlers = {
  [T in WebviewToHost['type']]?: (message: Extract<WebviewToHost, { type: T }>) => Promise<void> | void;
};

export interface DispatchLog {
  warn(message: string): void;
  error(message: string): void;
}

export type DispatchOutcome = 'handled' | 'invalid' | 'unhandled' | 'failed';

/** What a dropped message claimed to be, for the log: never more than a short string, whatever it holds. */
function describe(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null || !('type' in raw)) return raw === null ? 'null' : typeof raw;
  const type = (raw as { type: unknown }).type;
  return typeof type === 'string' ? type.slice(0, 60) : typeof type;
}

export async function dispatchWebviewMessage(raw: unknown, handlers: WebviewMessageHandlers, log: DispatchLog, reportError: (message: string) => void): Promise<DispatchOutcome> {
  const parsed = WebviewToHost.safeParse(raw);
  if (!parsed.success) {
    log.warn(`Dropped an invalid message from the sidebar (${describe(raw)}): ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return 'invalid';
  }
  const message = parsed.data;
  const handler = handlers[message.type] as ((m: WebviewToHost) => Promise<void> | void) | undefined;
  if (!handler) {
    log.warn(`No handler for sidebar message '${message.type}'`);
    return 'unhandled';
  }
  try {
    await handler(message);
    return 'handled';
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    log.error(`Sidebar message '${message.type}' failed: ${text}`);
    reportError(text);
    return 'failed';
  }
}
