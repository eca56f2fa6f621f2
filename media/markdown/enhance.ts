// Makes sanitized markdown interactive: a toolbar with a copy button on each code block, links to
// workspace files opened in the editor (through the host), web links left to VS Code (it opens them in
// the browser), and anything else defused. Everything here is built with DOM calls, never HTML strings.
import { codicon } from '../ui/dom';

export interface MarkdownActions {
  copy(text: string): void;
  openFile(path: string, line?: number): void;
}

const EXTERNAL = /^(https?:|mailto:)/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** A path-like inline code span: has a folder part or a source-file extension, optional :line[:col]. */
const PATH_LIKE = /^(?:\.{0,2}\/)?(?:[\w@.-]+\/)*[\w@.-]+\.([A-Za-z0-9]{1,10})(?::(\d+))?(?::\d+)?$/;
const SOURCE_EXTENSIONS = new Set(
  'ts tsx js jsx mjs cjs json jsonc md py go rs java kt cs cpp cc c h hpp css scss less html vue svelte yml yaml toml ini sh bash ps1 sql rb php swift xml gradle lock txt env cfg conf'.split(' '),
);

export function enhanceMarkdown(root: DocumentFragment, actions: MarkdownActions): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) wrapCodeBlock(pre, actions);
  for (const a of Array.from(root.querySelectorAll('a'))) wireLink(a, actions);
  for (const code of Array.from(root.querySelectorAll(':not(pre) > code'))) linkPathCode(code as HTMLElement, actions);
}

function wrapCodeBlock(pre: HTMLPreElement, actions: MarkdownActions): void {
  const code = pre.querySelector('code');
  const lang = /language-([\w+#-]+)/.exec(code?.className ?? '')?.[1] ?? '';
  code?.classList.add('hljs');
  const block = document.createElement('div');
  block.className = 'code-block';
  const toolbar = document.createElement('div');
  toolbar.className = 'code-toolbar';
  const label = document.createElement('span');
  label.className = 'code-lang';
  label.textContent = lang;
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'icon-button code-copy';
  copy.setAttribute('aria-label', lang ? `Copy ${lang} code` : 'Copy code');
  copy.title = 'Copy';
  copy.append(codicon('copy'));
  copy.addEventListener('click', () => {
    actions.copy(code?.textContent ?? pre.textContent ?? '');
    copy.replaceChildren(codicon('check'));
    copy.title = 'Copied';
    setTimeout(() => {
      copy.replaceChildren(codicon('copy'));
      copy.title = 'Copy';
    }, 1500);
  });
  toolbar.append(label, copy);
  pre.replaceWith(block);
  block.append(toolbar, pre);
}

function wireLink(a: HTMLAnchorElement, actions: MarkdownActions): void {
  const href = a.getAttribute('href') ?? '';
  if (EXTERNAL.test(href)) {
    a.title = href;
    return;
  }
  if (!href || href.startsWith('#') || SCHEME.test(href)) {
    a.removeAttribute('href');
    return;
  }
  const target = parseFileRef(safeDecode(href));
  a.classList.add('file-link');
  a.title = `Open ${target.path}${target.line ? ` at line ${target.line}` : ''}`;
  a.addEventListener('click', (event) => {
    event.preventDefault();
    actions.openFile(target.path, target.line);
  });
}

function linkPathCode(code: HTMLElement, actions: MarkdownActions): void {
  if (code.closest('a')) return;
  const text = code.textContent ?? '';
  const match = PATH_LIKE.exec(text);
  if (!match) return;
  if (!text.includes('/') && !SOURCE_EXTENSIONS.has((match[1] ?? '').toLowerCase())) return;
  const target = parseFileRef(text);
  const a = document.createElement('a');
  a.href = '#';
  a.className = 'file-link';
  a.title = `Open ${target.path}${target.line ? ` at line ${target.line}` : ''}`;
  a.addEventListener('click', (event) => {
    event.preventDefault();
    actions.openFile(target.path, target.line);
  });
  code.replaceWith(a);
  a.append(code);
}

/** `src/a.ts:12`, `src/a.ts:12:4` or `src/a.ts#L12` → path and 1-based line. */
export function parseFileRef(ref: string): { path: string; line?: number } {
  const m = /^(.*?)(?:#L(\d+)(?:-L?\d+)?|:(\d+)(?::\d+)?)$/.exec(ref);
  const line = Number(m?.[2] ?? m?.[3]);
  return m && line > 0 ? { path: m[1] ?? ref, line } : { path: ref };
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
