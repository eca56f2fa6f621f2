// Keeps a container's children in step with a list of rows without rebuilding untouched ones: a row is
// re-rendered only when one of its deps changed (by identity; the reducer replaces what it changes).
// When the focused control is inside a re-rendered row, focus moves to its counterpart (same focus key)
// so keyboard users are not thrown back to the top while an answer streams.

export interface Row {
  key: string;
  deps: readonly unknown[];
  render(): HTMLElement;
}

interface Rendered {
  deps: readonly unknown[];
  el: HTMLElement;
}

export class KeyedList {
  private rendered = new Map<string, Rendered>();

  constructor(private readonly container: HTMLElement) {}

  update(rows: readonly Row[]): void {
    const next = new Map<string, Rendered>();
    const elements: HTMLElement[] = [];
    for (const row of rows) {
      const old = this.rendered.get(row.key);
      let entry = old;
      if (!old || !sameDeps(old.deps, row.deps)) {
        const el = row.render();
        el.dataset.rowKey = row.key;
        if (old) replacePreservingFocus(old.el, el);
        entry = { deps: row.deps, el };
      }
      next.set(row.key, entry as Rendered);
      elements.push((entry as Rendered).el);
    }
    for (const [key, { el }] of this.rendered) if (!next.has(key)) el.remove();
    let cursor: ChildNode | null = this.container.firstChild;
    for (const el of elements) {
      if (cursor === el) {
        cursor = el.nextSibling;
        continue;
      }
      this.container.insertBefore(el, cursor);
    }
    this.rendered = next;
  }
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function replacePreservingFocus(oldEl: HTMLElement, newEl: HTMLElement): void {
  const active = document.activeElement;
  const focusKey = active instanceof HTMLElement && oldEl.contains(active) ? active.dataset.focusKey : undefined;
  oldEl.replaceWith(newEl);
  if (!focusKey) return;
  const counterpart = newEl.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`);
  counterpart?.focus({ preventScroll: true });
}
