// The one handle VS Code gives a webview: postMessage to the host and a small persisted state.
// acquireVsCodeApi may be called only once per page, so it is acquired here and passed around.

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState<T>(state: T): T;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

export function acquireApi(): VsCodeApi {
  return acquireVsCodeApi();
}
