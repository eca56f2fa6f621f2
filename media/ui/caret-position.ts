// Where the caret of a textarea is drawn, relative to the textarea's box: a hidden copy of the textarea
// with the same font, padding and wrapping holds the text up to the caret and a marker, and the marker's
// position is the caret's. Used to open the @-mention list under the caret.

const COPIED = [
  'boxSizing',
  'width',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'lineHeight',
  'tabSize',
  'textTransform',
  'wordSpacing',
] as const;

/** The caret's top-left and line height, in pixels from the textarea's top-left (its scroll applied). */
export function caretPosition(textarea: HTMLTextAreaElement, caret: number): { left: number; top: number; height: number } {
  const style = getComputedStyle(textarea);
  const mirror = document.createElement('div');
  for (const p of COPIED) mirror.style[p] = style[p];
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.overflowWrap = 'break-word';
  mirror.style.top = '0';
  mirror.style.left = '-9999px';
  mirror.textContent = textarea.value.slice(0, caret);
  const marker = document.createElement('span');
  marker.textContent = '\u200b';
  mirror.append(marker);
  document.body.append(mirror);
  const position = { left: marker.offsetLeft - textarea.scrollLeft, top: marker.offsetTop - textarea.scrollTop, height: marker.offsetHeight };
  mirror.remove();
  return position;
}
