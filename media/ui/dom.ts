// Tiny DOM builders: every element the view creates goes through these (text is always set as text,
// never parsed as HTML). `key` marks an interactive element so focus can follow it across re-renders.

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  text?: string;
  /** Stable identity of a control across re-renders (see keyed-list). */
  key?: string;
  on?: { [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.key) el.dataset.focusKey = props.key;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  if (props.text !== undefined) el.textContent = props.text;
  for (const [event, handler] of Object.entries(props.on ?? {})) el.addEventListener(event, handler as EventListener);
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** A decorative icon; the control around it carries the accessible name. */
export function codicon(name: string, extraClass = ''): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export function spinner(): HTMLSpanElement {
  return codicon('loading', 'codicon-modifier-spin');
}

interface ButtonOptions {
  onClick: () => void;
  key?: string;
  class?: string;
  disabled?: boolean;
  /** For toggle-like choices (a hunk's decision): exposed as aria-pressed. */
  pressed?: boolean;
  title?: string;
}

/** An icon-only button: the label is its accessible name and its tooltip. */
export function iconButton(icon: string, label: string, options: ButtonOptions): HTMLButtonElement {
  return h(
    'button',
    {
      class: `icon-button${options.class ? ` ${options.class}` : ''}`,
      key: options.key,
      attrs: {
        type: 'button',
        'aria-label': label,
        title: options.title ?? label,
        disabled: options.disabled,
        'aria-pressed': options.pressed === undefined ? undefined : String(options.pressed),
      },
      on: { click: () => options.onClick() },
    },
    codicon(icon),
  );
}

export type ButtonVariant = 'primary' | 'secondary' | 'link';

/** A text button, optionally with a leading icon; `label` overrides the accessible name when the text is terse. */
export function textButton(
  text: string,
  options: ButtonOptions & { icon?: string; variant?: ButtonVariant; label?: string },
): HTMLButtonElement {
  return h(
    'button',
    {
      class: `button button-${options.variant ?? 'secondary'}${options.class ? ` ${options.class}` : ''}`,
      key: options.key,
      attrs: {
        type: 'button',
        'aria-label': options.label,
        title: options.title,
        disabled: options.disabled,
        'aria-pressed': options.pressed === undefined ? undefined : String(options.pressed),
      },
      on: { click: () => options.onClick() },
    },
    options.icon ? codicon(options.icon) : null,
    h('span', { text }),
  );
}

/** Text only screen readers read. */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'sr-only', text });
}
