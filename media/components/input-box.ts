// The composer: attachment chips, the message box (Enter sends, Shift+Enter is a new line; `@` opens the
// mention list), attach buttons, and Send — or Stop while a turn runs. Files dropped on it are attached.
// The textarea is built once and never re-rendered, so typing, the caret and IME composition are never
// disturbed; only its value is synced when the state changes it (restore after reload, cleared after
// sending, an example prompt chosen).
import { MAX_DROPPED, type MentionSuggestion } from '../../src/protocol/mentions';
import type { AttachmentType, HostToWebview, SessionStatus } from '../../src/protocol/webview';
import { mentionAt, mentionToken, withMention, type MentionAt } from '../state/mention-query';
import { imageAttachment } from '../state/pasted-image';
import { attachmentKey } from '../state/reducer';
import { activeTurn, canSend, cloudSendBlocked, type ViewState } from '../state/view-state';
import { codicon, h, iconButton } from '../ui/dom';
import { KeyedList } from '../ui/keyed-list';
import { caretPosition } from '../ui/caret-position';
import { attachmentChip } from './attachment-chip';
import type { ViewContext } from './context';
import { MentionList } from './mention-list';

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
  /** "Run in the cloud": the draft becomes a cloud task (disabled, its tooltip saying why, when it cannot). */
  private readonly cloudButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  /** What the agent may do unasked, beside Send: it applies to what is sent. */
  private readonly policy: HTMLElement;
  private shownPolicy: SessionStatus['approvalPolicy'] | undefined;
  private state: ViewState | undefined;
  /** Pasted screenshots have no name: they are numbered in the order pasted. */
  private pasted = 0;
  private readonly mentionList: MentionList;
  /** The `@query` the caret is in, while its suggestions are asked for or shown. */
  private mention: MentionAt | undefined;
  /** Ties the host's answer to the latest question: an answer to an older query is dropped. */
  private mentionRequest = 0;
  /** The `@` whose list Escape closed: it stays closed until the caret leaves that mention. */
  private dismissedAt: number | undefined;

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
        input: () => {
          ctx.dispatch({ type: 'draftChanged', text: this.textarea.value });
          this.followMention();
        },
        keydown: (event) => this.onKeyDown(event),
        keyup: (event) => {
          if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) this.followMention();
        },
        click: () => this.followMention(),
        blur: () => this.closeMentions(),
        paste: (event) => this.onPaste(event),
      },
    });
    this.mentionList = new MentionList(this.textarea, (s) => this.pickMention(s));
    this.sendButton = iconButton('send', 'Send message', { class: 'send-button', onClick: () => this.submit() });
    this.cloudButton = iconButton('cloud-upload', 'Run in the cloud', { class: 'cloud-button', onClick: () => this.submitToCloud() });
    this.stopButton = iconButton('debug-stop', 'Stop the current turn', { class: 'stop-button', onClick: () => ctx.send('turn/interrupt', {}) });
    this.policy = h('span', { class: 'badge policy-badge' });
    this.policy.hidden = true;
    const attach = (type: AttachmentType) => () => ctx.send('attach', { type });
    this.element = h(
      'div',
      {
        class: 'composer',
        on: {
          dragover: (event) => this.onDragOver(event),
          dragleave: () => this.element.classList.remove('drop-target'),
          drop: (event) => this.onDrop(event),
        },
      },
      this.chipList,
      this.textarea,
      this.mentionList.element,
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
        this.cloudButton,
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
    const blocked = cloudSendBlocked(state);
    this.cloudButton.disabled = blocked !== undefined;
    this.cloudButton.title = blocked ? `Run in the cloud — unavailable: ${blocked}` : 'Run in the cloud: send this task to your AgentCore runtime; its patch comes back here for review';
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
    if (this.addImages([...(event.clipboardData?.files ?? [])])) event.preventDefault();
  }

  /** The images among `files` become chips (or are refused with a reason); false when there are none. */
  private addImages(all: File[]): boolean {
    const files = all.filter((f) => f.type.startsWith('image/'));
    if (files.length === 0) return false;
    for (const file of files) {
      this.pasted += 1;
      const name = file.name && file.name !== 'image.png' ? file.name : `pasted image ${this.pasted}.${file.type.slice('image/'.length) || 'png'}`;
      void imageAttachment(file, name).then((a) =>
        this.ctx.dispatch(typeof a === 'string' ? { type: 'attachmentRefused', message: a } : { type: 'imagePasted', attachment: a }),
      );
    }
    return true;
  }

  /** The host's suggestions for the `@query` typed, shown under the caret if it is still the one asked about. */
  showMentions(message: Extract<HostToWebview, { type: 'mentions' }>): void {
    const at = this.mention;
    if (!at || message.requestId !== this.mentionRequest || document.activeElement !== this.textarea) return;
    const caret = caretPosition(this.textarea, at.start);
    const top = this.textarea.offsetTop + caret.top;
    // Under the caret when the list fits there, as VS Code's suggestions are; above it otherwise.
    const below = window.innerHeight - (this.textarea.getBoundingClientRect().top + caret.top + caret.height);
    const above = below < 160;
    this.mentionList.show(message.suggestions, { left: this.textarea.offsetLeft + caret.left, top: above ? top : top + caret.height, above });
  }

  /** Asks the host what the `@query` at the caret may name, when it changed; closes the list when there is none. */
  private followMention(): void {
    const { value, selectionStart, selectionEnd } = this.textarea;
    const at = selectionStart === selectionEnd ? mentionAt(value, selectionStart) : undefined;
    if (at?.start !== this.dismissedAt) this.dismissedAt = undefined;
    if (!at || at.start === this.dismissedAt) {
      this.closeMentions();
      return;
    }
    if (this.mention?.start === at.start && this.mention.query === at.query) return;
    this.mention = at;
    this.mentionRequest += 1;
    this.ctx.send('searchMentions', { requestId: this.mentionRequest, query: at.query });
  }

  private closeMentions(): void {
    this.mention = undefined;
    this.mentionList.close();
  }

  /** The `@query` becomes `@label`, and the host is asked for the attachment the suggestion names. */
  private pickMention(s: MentionSuggestion): void {
    const at = this.mention;
    if (!at) return;
    const { text, caret } = withMention(this.textarea.value, at, s.label);
    this.textarea.value = text;
    this.textarea.setSelectionRange(caret, caret);
    this.closeMentions();
    this.ctx.dispatch({ type: 'draftChanged', text });
    this.ctx.send('attachMention', { mention: s.mention, token: mentionToken(s.label) });
  }

  private onDragOver(event: DragEvent): void {
    const types = event.dataTransfer?.types ?? [];
    if (!types.includes('text/uri-list') && !types.includes('Files')) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.element.classList.add('drop-target');
  }

  /**
   * Files dragged from the Explorer (VS Code gives them as `text/uri-list`; it lets a drop reach a webview
   * only while Shift is held) become chips the host makes; images dropped from outside, as when pasted.
   */
  private onDrop(event: DragEvent): void {
    this.element.classList.remove('drop-target');
    const data = event.dataTransfer;
    if (!data) return;
    const uris = (data.getData('text/uri-list') || data.getData('application/vnd.code.uri-list'))
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    event.preventDefault();
    if (uris.length) {
      this.ctx.send('attachDropped', { uris: uris.slice(0, MAX_DROPPED) });
      return;
    }
    this.addImages([...data.files]);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.mentionList.onKey(event)) {
      event.preventDefault();
      event.stopPropagation();
      if (event.key === 'Escape') {
        this.dismissedAt = this.mention?.start;
        this.mention = undefined;
      }
      return;
    }
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

  private submitToCloud(): void {
    const state = this.state;
    const text = this.textarea.value;
    if (!state || cloudSendBlocked({ ...state, draft: text })) return;
    if (!this.ctx.send('cloudTask/start', { text })) return;
    this.textarea.value = '';
    this.ctx.dispatch({ type: 'messageSent' });
  }
}
