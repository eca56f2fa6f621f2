// The composer: attachment chips, the message box (Enter sends, Shift+Enter is a new line), attach
// buttons, and Send — or Stop while a turn runs. The textarea is built once and never re-rendered, so
// typing, the caret and IME composition are never disturbed; only its value is synced when the state
// changes it (restore after reload, cleared after sending, an example prompt chosen).
import type { AttachmentType, SessionStatus } from '../../src/protocol/webview';
import { imageAttachment } from '../state/pasted-image';
import { attachmentKey } from '../state/reducer';
import { activeTurn, canSend, type ViewState } from '../state/view-state';
import { codicon, h, iconButton } from '../ui/dom';
import { KeyedList } from '../ui/keyed-list';
import { attachmentChip } from './attachment-chip';
import type { ViewContext } from './context';

export const PROMPT_INPUT_ID = 'prompt-input';

const POLICY: Record<SessionStatus['approvalPolicy'], { text: string; title: string }> = {
  'read-only': { text: 'Read-only', title: 'Approval policy: every patch waits for your review and every command asks first' },
  'auto-edit': { text: 'Auto-edit', title: 'Approval policy: patches apply without asking (each can be reverted); commands ask first' },
  'full-auto': { text: 'Full auto', title: 'Approval policy: patches apply and commands run without asking, inside the workspace' },
};

export class InputBox {
  readonly element: HTMLElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly chips: KeyedList;
  private readonly chipList: HTMLUListElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  /** What the agent may do unasked, beside Send: it applies to what is sent. */
  private readonly policy: HTMLElement;
  private shownPolicy: SessionStatus['approvalPolicy'] | undefined;
  private state: ViewState | undefined;
  /** Pasted screenshots have no name: they are numbered in the order pasted. */
  private pasted = 0;

  constructor(private readonly ctx: ViewContext) {
    this.chipList = h('ul', { class: 'chips composer-chips', attrs: { 'aria-label': 'Context to send' } });
    this.chips = new KeyedList(this.chipList);
    this.textarea = h('textarea', {
      class: 'prompt-input',
      attrs: {
        id: PROMPT_INPUT_ID,
        rows: 2,
        'aria-label': 'Message Crosswind',
        placeholder: 'Ask Crosswind to explain, plan or change code (Enter to send, Shift+Enter for a new line)',
      },
      on: {
        input: () => ctx.dispatch({ type: 'draftChanged', text: this.textarea.value }),
        keydown: (event) => this.onKeyDown(event),
        paste: (event) => this.onPaste(event),
      },
    });
    this.sendButton = iconButton('send', 'Send message', { class: 'send-button', onClick: () => this.submit() });
    this.stopButton = iconButton('debug-stop', 'Stop the current turn', { class: 'stop-button', onClick: () => ctx.send('turn/interrupt', {}) });
    this.policy = h('span', { class: 'badge policy-badge' });
    this.policy.hidden = true;
    const attach = (type: AttachmentType) => () => ctx.send('attach', { type });
    this.element = h(
      'div',
      { class: 'composer' },
      this.chipList,
      this.textarea,
      h(
        'div',
        { class: 'composer-toolbar' },
        h(
          'span',
          { class: 'attach-buttons', attrs: { role: 'group', 'aria-label': 'Attach context' } },
          iconButton('list-selection', 'Attach the current selection', { onClick: attach('selection') }),
          iconButton('file', 'Attach the current file', { onClick: attach('file') }),
          iconButton('warning', 'Attach problems in the current file', { onClick: attach('diagnostics') }),
          iconButton('file-media', 'Attach an image (or paste one into the message box)', { onClick: attach('image') }),
        ),
        h('span', { class: 'spacer' }),
        this.policy,
        this.stopButton,
        this.sendButton,
      ),
    );
  }

  focus(): void {
    this.textarea.focus();
  }

  update(state: ViewState): void {
    this.state = state;
    if (this.textarea.value !== state.draft) this.textarea.value = state.draft;
    const running = activeTurn(state) !== undefined;
    this.stopButton.hidden = !running;
    this.sendButton.hidden = running;
    this.sendButton.disabled = !canSend(state);
    this.chipList.hidden = state.attachments.length === 0;
    const policy = state.status?.approvalPolicy;
    if (policy !== this.shownPolicy) {
      this.shownPolicy = policy;
      this.policy.hidden = !policy;
      if (policy) {
        this.policy.title = POLICY[policy].title;
        this.policy.replaceChildren(codicon('shield'), ` ${POLICY[policy].text}`);
      }
    }
    this.chips.update(
      state.attachments.map((a, index) => ({
        key: attachmentKey(a),
        deps: [a, index],
        render: () =>
          attachmentChip(
            a,
            () => {
              this.ctx.dispatch({ type: 'attachmentRemoved', index });
              this.focus();
            },
            `chip:${attachmentKey(a)}:remove`,
          ),
      })),
    );
  }

  /** Images on the clipboard become chips; text pastes as usual. */
  private onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) {
      this.pasted += 1;
      const name = file.name && file.name !== 'image.png' ? file.name : `pasted image ${this.pasted}.${file.type.slice('image/'.length) || 'png'}`;
      void imageAttachment(file, name).then((a) =>
        this.ctx.dispatch(typeof a === 'string' ? { type: 'attachmentRefused', message: a } : { type: 'imagePasted', attachment: a }),
      );
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey) return;
    event.preventDefault();
    this.submit();
  }

  private submit(): void {
    const state = this.state;
    // The textarea is the truth for what was typed, even before the reducer has seen the last keystroke.
    const text = this.textarea.value;
    if (!state || !text.trim() || activeTurn(state)) return;
    if (!this.ctx.send('turn/start', { text, attachments: state.attachments })) return;
    this.textarea.value = '';
    this.ctx.dispatch({ type: 'messageSent' });
  }
}
