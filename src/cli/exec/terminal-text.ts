// Text from the model, from files and from commands is untrusted: printed raw to a terminal, escape
// sequences in it could set the clipboard (OSC 52), retitle the window, clear the screen or move the
// cursor to hide what was printed. Human output passes through here: escape sequences are dropped and
// other control characters (carriage return, C1 controls) shown as '?'; newlines and tabs stay. (JSON
// output needs nothing: JSON.stringify escapes control characters.)
import { Writable } from 'node:stream';

// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])/g;
// C0 controls but \t and \n, DEL, and C1 controls (some terminals act on them as on ESC-sequences).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function sanitizeTerminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '?');
}

/** A stream that writes sanitised text to `target`. */
export function sanitizingStream(target: NodeJS.WritableStream): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      target.write(sanitizeTerminalText(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
      callback();
    },
  });
}
