// Text an @-mention brings in, made readable for the model: a terminal's output without its escape
// sequences, a web page without its markup. Pure (no vscode import), tested as it is.

// CSI (colours, cursor moves), OSC (titles, shell-integration marks; ended by BEL or ST), and the
// two-character escapes left over.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** A terminal's output as plain text: escape sequences removed, carriage-return overdraws resolved. */
export function terminalText(raw: string): string {
  return raw
    .replace(ANSI, '')
    .split('\n')
    .map((line) => {
      const l = line.replace(/\r$/, '');
      // A progress bar redraws its line after a bare \r: what is left on screen is the last drawing.
      return l.slice(l.lastIndexOf('\r') + 1);
    })
    .join('\n')
    .trim();
}

/** Keeps the end of `text` (where a command's error is) within `max` characters. */
export function keepEnd(text: string, max: number): string {
  return text.length > max ? `[… ${text.length - max} earlier characters left out]\n${text.slice(-(max - 60))}` : text;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A web page as text: no scripts, styles or tags; block elements on lines of their own. */
export function htmlText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|svg|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|hr)\b[^>]*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/?(p|div|section|article|header|footer|main|nav|aside|h[1-6]|ul|ol|li|tr|table|pre|blockquote|title)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((l) => l.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
