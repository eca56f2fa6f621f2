// The only way in and out of the webview. Incoming messages are validated against HostToWebview and
// dropped (with a warning) when they do not match, so a version skew or a bad message cannot break the
// view. Outgoing messages (engine requests by the engine's method names, and editor messages) are typed
// WebviewToHost values and checked too: the host would drop an invalid one silently, so the user is told
// here instead.
import { HostToWebview, WebviewToHost } from '../src/protocol/webview';
import type { VsCodeApi } from './vscode-api';

export interface HostChannel {
  send(message: WebviewToHost): boolean;
  dispose(): void;
}

export function connectToHost(
  api: VsCodeApi,
  onMessage: (message: HostToWebview) => void,
  onSendRejected: (reason: string) => void,
): HostChannel {
  const listener = (event: MessageEvent<unknown>) => {
    const parsed = HostToWebview.safeParse(event.data);
    if (!parsed.success) {
      console.warn('[crosswind] dropped an invalid message from the extension host:', describe(event.data), parsed.error.issues[0]);
      return;
    }
    onMessage(parsed.data);
  };
  window.addEventListener('message', listener);
  return {
    send(message) {
      const checked = WebviewToHost.safeParse(message);
      if (!checked.success) {
        onSendRejected(checked.error.issues[0]?.message ?? 'invalid message');
        return false;
      }
      api.postMessage(checked.data);
      return true;
    },
    dispose: () => window.removeEventListener('message', listener),
  };
}

function describe(data: unknown): string {
  if (typeof data === 'object' && data !== null && 'type' in data) return `type=${String((data as { type: unknown }).type).slice(0, 60)}`;
  return typeof data;
}
