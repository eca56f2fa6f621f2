// The sidebar's composition root: restores the cached state, connects to the host, lays out the
// components and renders the state once per animation frame (so streamed deltas, however fast, cost one
// render per frame). The reducer decides; this file only wires and performs side effects.
import type { HostToWebview, WebviewMethod, WebviewParamsInput, WebviewToHost } from '../src/protocol/webview';
import { ActivityStatus } from './components/activity-status';
import { CloudTasksList } from './components/cloud-tasks';
import type { ViewContext } from './components/context';
import { Conversation } from './components/conversation';
import { ErrorBanner } from './components/error-banner';
import { Header } from './components/header';
import { HistoryList } from './components/history-list';
import { InputBox } from './components/input-box';
import { LivePlanPanel } from './components/live-plan';
import { McpServersRow } from './components/mcp-servers';
import { connectToHost, type HostChannel } from './messaging';
import { fromPersisted, toPersisted } from './state/persistence';
import { applyHostMessage, applyUiAction, type UiAction } from './state/reducer';
import type { ViewState } from './state/view-state';
import { h } from './ui/dom';
import { UiMemory } from './ui/ui-memory';
import type { VsCodeApi } from './vscode-api';

/** setState serialises the whole cached state: at most this often while an answer streams. */
const PERSIST_DELAY_MS = 300;

interface Component {
  element: HTMLElement;
  update(state: ViewState): void;
}

export class App {
  private state: ViewState;
  private readonly channel: HostChannel;
  private readonly components: Component[];
  private readonly input: InputBox;
  private frame = 0;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {
    this.state = fromPersisted(api.getState());
    this.channel = connectToHost(
      api,
      (message) => this.onHostMessage(message),
      (reason) => this.apply(applyHostMessage(this.state, { type: 'error', error: { kind: 'invalidRequest', message: `Not sent: ${reason}` } })),
    );
    const ctx: ViewContext = {
      send: <M extends WebviewMethod>(method: M, params: WebviewParamsInput<M>) => this.channel.send({ method, params } as WebviewToHost),
      dispatch: (action: UiAction) => this.apply(applyUiAction(this.state, action)),
      memory: new UiMemory(),
      markdown: {
        copy: (text) => this.channel.send({ method: 'copy', params: { text } }),
        openFile: (path, line) => this.channel.send({ method: 'openFile', params: line ? { path, line } : { path } }),
      },
      focusInput: () => this.input.focus(),
    };
    const header = new Header(ctx);
    const errors = new ErrorBanner(ctx);
    const mcp = new McpServersRow();
    const cloudTasks = new CloudTasksList(ctx);
    const conversation = new Conversation(ctx);
    const history = new HistoryList(ctx);
    const plan = new LivePlanPanel(ctx);
    const activity = new ActivityStatus();
    this.input = new InputBox(ctx);
    this.components = [header, errors, mcp, cloudTasks, conversation, history, plan, activity, this.input];

    // The shell marks #app as a live region; the log and the status region below announce precisely,
    // so the whole app must not also be read out on every change.
    root.removeAttribute('aria-live');
    root.classList.add('crosswind');
    root.replaceChildren(
      header.element,
      errors.element,
      mcp.element,
      cloudTasks.element,
      h('div', { class: 'main-area' }, conversation.element, history.element),
      h('footer', { class: 'bottom-area' }, plan.element, activity.element, this.input.element),
    );
    this.render();
    window.addEventListener('pagehide', () => this.persistNow());
    this.channel.send({ method: 'ready', params: {} });
  }

  private onHostMessage(message: HostToWebview): void {
    this.apply(applyHostMessage(this.state, message));
    if (message.type === 'focusInput') this.input.focus();
    if (message.type === 'mentions') this.input.showMentions(message);
  }

  private apply(next: ViewState): void {
    if (next === this.state) return;
    this.state = next;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
    this.persistTimer ??= setTimeout(() => this.persistNow(), PERSIST_DELAY_MS);
  }

  private render(): void {
    this.frame = 0;
    for (const component of this.components) component.update(this.state);
  }

  private persistNow(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    this.api.setState(toPersisted(this.state));
  }
}
