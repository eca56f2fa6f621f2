// What every component gets: a typed channel to the host, the reducer's UI actions, the memory of what
// the user opened, and the markdown link/copy actions (which also go through the host).
import type { WebviewMethod, WebviewParamsInput } from '../../src/protocol/webview';
import type { MarkdownActions } from '../markdown/enhance';
import type { UiAction } from '../state/reducer';
import type { UiMemory } from '../ui/ui-memory';

export interface ViewContext {
  /**
   * Sends the host an engine request (by the engine's method name and params; the host adds the
   * conversation shown) or an editor message. False when it was not valid (the user is told); the host
   * never sees it then.
   */
  send<M extends WebviewMethod>(method: M, params: WebviewParamsInput<M>): boolean;
  dispatch(action: UiAction): void;
  memory: UiMemory;
  markdown: MarkdownActions;
  /** Moves focus to the message box (after choosing an example prompt, on the host's focusInput). */
  focusInput(): void;
}
