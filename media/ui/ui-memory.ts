// What the user opened or closed (reasoning, command output, patch files) is remembered by key, so a
// card re-rendered by a streamed update keeps the state the user left it in. Memory only: it resets
// on reload, where every disclosure starts in its default state.
import { h } from './dom';

export class UiMemory {
  private readonly open = new Map<string, boolean>();

  isOpen(key: string, fallback: boolean): boolean {
    return this.open.get(key) ?? fallback;
  }

  /** A <details> whose open state survives re-renders; `body` is built only when first shown. */
  disclosure(key: string, defaultOpen: boolean, summary: Node[], body: () => Node, className = ''): HTMLDetailsElement {
    const details = h('details', { class: className });
    const summaryEl = h('summary', { key: `${key}:summary` }, ...summary);
    details.append(summaryEl);
    let built = false;
    const build = () => {
      if (built) return;
      built = true;
      details.append(body());
    };
    if (this.isOpen(key, defaultOpen)) {
      details.open = true;
      build();
    }
    details.addEventListener('toggle', () => {
      this.open.set(key, details.open);
      if (details.open) build();
    });
    return details;
  }
}
