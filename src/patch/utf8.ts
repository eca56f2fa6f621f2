// Strict UTF-8 decoding without TextDecoder (src/patch type-checks with no DOM or Node types). The engine
// only edits text it can round-trip exactly: a file with a NUL byte (binary), a UTF-16/32 byte-order mark,
// or any byte sequence that is not well-formed UTF-8 is refused rather than decoded lossily, because
// writing back a lossy decode would silently damage the bytes the patch did not touch.

export type DecodedFile = { ok: true; text: string; bom: boolean } | { ok: false; reason: string };

const FLUSH_AT = 8192;

/** Decodes a file's bytes: strips (and reports) a UTF-8 BOM; refuses binary, UTF-16/32 and invalid UTF-8. */
export function decodeFileBytes(bytes: Uint8Array): DecodedFile {
  const foreign = foreignByteOrderMark(bytes);
  if (foreign) return { ok: false, reason: `it is encoded as ${foreign}; only UTF-8 files can be patched` };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const decoded = decodeUtf8(bytes, bom ? 3 : 0);
  return typeof decoded === 'string' ? { ok: true, text: decoded, bom } : { ok: false, reason: decoded.reason };
}

function foreignByteOrderMark(b: Uint8Array): string | null {
  if (b.length >= 4 && b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32 (big-endian)';
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return 'UTF-32 (little-endian)';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'UTF-16 (little-endian)';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'UTF-16 (big-endian)';
  return null;
}

/** Decodes well-formed UTF-8 from `start`; returns the reason instead when a byte is NUL or ill-formed. */
export function decodeUtf8(bytes: Uint8Array, start = 0): string | { reason: string } {
  const units = new Uint16Array(FLUSH_AT + 2);
  const parts: string[] = [];
  let n = 0;
  let i = start;
  const len = bytes.length;
  while (i < len) {
    const b0 = bytes[i];
    let cp: number;
    let size: number;
    if (b0 < 0x80) {
      if (b0 === 0) return { reason: `it contains NUL bytes (a binary file; first at byte ${i})` };
      cp = b0;
      size = 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      if (!isContinuation(bytes, i + 1, 0x80, 0xbf)) return invalidAt(i);
      cp = ((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      size = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const lo = b0 === 0xe0 ? 0xa0 : 0x80;
      const hi = b0 === 0xed ? 0x9f : 0xbf;
      if (!isContinuation(bytes, i + 1, lo, hi) || !isContinuation(bytes, i + 2, 0x80, 0xbf)) return invalidAt(i);
      cp = ((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      size = 3;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      const lo = b0 === 0xf0 ? 0x90 : 0x80;
      const hi = b0 === 0xf4 ? 0x8f : 0xbf;
      if (
        !isContinuation(bytes, i + 1, lo, hi) ||
        !isContinuation(bytes, i + 2, 0x80, 0xbf) ||
        !isContinuation(bytes, i + 3, 0x80, 0xbf)
      ) {
        return invalidAt(i);
      }
      cp = ((b0 & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      size = 4;
    } else {
      return invalidAt(i);
    }
    if (cp < 0x10000) {
      units[n++] = cp;
    } else {
      const v = cp - 0x10000;
      units[n++] = 0xd800 | (v >> 10);
      units[n++] = 0xdc00 | (v & 0x3ff);
    }
    if (n >= FLUSH_AT) {
      parts.push(String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]));
      n = 0;
    }
    i += size;
  }
  if (n > 0) parts.push(String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]));
  return parts.join('');
}

function isContinuation(bytes: Uint8Array, i: number, lo: number, hi: number): boolean {
  return i < bytes.length && bytes[i] >= lo && bytes[i] <= hi;
}

function invalidAt(offset: number): { reason: string } {
  return { reason: `it is not valid UTF-8 text (bad byte sequence at byte ${offset})` };
}
