// The @-mention suggestion list under the caret, driven from the message box as VS Code's own suggest
// widget is: Up/Down move, Enter or Tab pick, Escape closes, a click picks. The message box keeps the
// focus (it points at the active option with aria-activedescendant), so typing goes on while it is open.
import type { MentionSuggestion } from '../../src/protocol/mentions';
import { codicon, h } from '../ui/dom';

export const MENTION_LIST_ID = 'mention-list';

const ICONS: Record<MentionSuggestion['mention']['kind'], string> = {
  file: 'file',
  folder: 'folder',
  symbol: 'symbol-method',
  problems: 'warning',
  terminal: 'terminal',
  url: 'globe',
};

export class MentionList {
  readonly element: HTMLUListElement;
  private items: MentionSuggestion[] = [];
  private active = -1;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly onPick: (s: MentionSuggestion) => void,
  ) {
    this.element = h('ul', {
      class: 'mention-list',
      attrs: { id: MENTION_LIST_ID, role: 'listbox', 'aria-label': 'Context to mention' },
      // A click must not take the focus from the message box (which would close the list first).
      on: { mousedown: (e) => e.preventDefault() },
    });
    this.element.hidden = true;
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', MENTION_LIST_ID);
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** Shows `items` at `at` (pixels in the composer); the first that can be picked is active. */
  show(items: MentionSuggestion[], at: { left: number; top: number; above: boolean }): void {
    if (items.length === 0) {
      this.close();
      return;
    }
    this.items = items;
    this.element.replaceChildren(
      ...items.map((s, i) =>
        h(
          'li',
          {
            class: `mention-option${s.disabled ? ' disabled' : ''}`,
            attrs: { id: `${MENTION_LIST_ID}-${i}`, role: 'option', 'aria-selected': 'false', 'aria-disabled': s.disabled ? 'true' : undefined, title: s.disabled ?? s.detail },
            on: {
              click: () => {
                if (!s.disabled) this.onPick(s);
              },
              mousemove: () => {
                if (!s.disabled && this.active !== i) this.setActive(i);
              },
            },
          },
          codicon(ICONS[s.mention.kind]),
          h('span', { class: 'mention-label', text: s.label }),
          s.disabled || s.detail ? h('span', { class: 'mention-detail', text: s.disabled ?? s.detail }) : null,
        ),
      ),
    );
    this.element.style.left = `${Math.max(0, at.left)}px`;
    this.element.style.top = at.above ? '' : `${at.top}px`;
    this.element.style.bottom = at.above ? `calc(100% - ${at.top - 2}px)` : '';
    this.element.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.setActive(this.next(-1, 1));
  }

  close(): void {
    if (!this.open) return;
    this.element.hidden = true;
    this.items = [];
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.input.setAttribute('aria-expanded', 'false');
  }

  /** Handles a key while open; true when it was the list's (the message box must not act on it). */
  onKey(event: KeyboardEvent): boolean {
    if (!this.open || event.isComposing) return false;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        this.setActive(this.next(this.active, event.key === 'ArrowDown' ? 1 : -1));
        return true;
      case 'Enter':
      case 'Tab': {
        if (event.shiftKey) return false;
        const picked = this.items[this.active];
        if (!picked) return false;
        this.onPick(picked);
        return true;
      }
      case 'Escape':
        this.close();
        return true;
      default:
        return false;
    }
  }

  /** The next option that can be picked from `from` in `step` direction, wrapping; -1 when none can. */
  private next(from: number, step: 1 | -1): number {
    const n = this.items.length;
    for (let k = 1; k <= n; k++) {
      const i = (((from + step * k) % n) + n) % n;
      if (!this.items[i]?.disabled) return i;
    }
    return -1;
  }

  private setActive(index: number): void {
    this.active = index;
    const options = [...this.element.children] as HTMLElement[];
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    const current = options[index];
    if (current) {
      this.input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }
}
