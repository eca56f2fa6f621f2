// Model-written markdown to DOM, safely: markdown-it with raw HTML off, then DOMPurify, returned as a
// DocumentFragment (never assigned through innerHTML). Images become links: the CSP allows no remote
// image, and a model's answer should not make the view fetch anything.
import MarkdownIt from 'markdown-it';
import DOMPurify from 'dompurify';
import { highlightCode } from './highlight';
import { enhanceMarkdown, type MarkdownActions } from './enhance';

const md = new MarkdownIt({ html: false, linkify: true, breaks: false, highlight: highlightCode });

md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx];
  const src = String(token?.attrGet('src') ?? '');
  const alt = token?.content || src;
  return `<a href="${md.utils.escapeHtml(src)}">${md.utils.escapeHtml(`[image: ${alt}]`)}</a>`;
};

const PURIFY_CONFIG = {
  RETURN_DOM_FRAGMENT: true as const,
  FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'video', 'audio'],
  // `style` would break the CSP (and theming); ids and names could clobber globals.
  FORBID_ATTR: ['style', 'id', 'name'],
};

export function renderMarkdown(text: string, actions: MarkdownActions): DocumentFragment {
  const fragment = DOMPurify.sanitize(md.render(text), PURIFY_CONFIG);
  enhanceMarkdown(fragment, actions);
  return fragment;
}
