// What an image really is, from its first bytes — never from a file name or a clipboard's label — so a
// renamed or mislabelled file is sent as what it is, or refused before any request. Only the formats every
// cloud takes (src/protocol/items.ts ImageMediaType).
import { MAX_IMAGE_BYTES, type ImageMediaType } from '../protocol';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** PNG, JPEG, GIF87a/89a or RIFF…WEBP by signature; undefined for anything else. */
export function imageMediaTypeOf(bytes: Uint8Array): ImageMediaType | undefined {
  if (bytes.length >= 8 && PNG.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return 'image/gif';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** Why these bytes cannot be sent as an image (named `name` for the user), or undefined when they can. */
export function imageRefusal(name: string, bytes: Uint8Array): string | undefined {
  if (bytes.length > MAX_IMAGE_BYTES) {
    return `${name} is ${(bytes.length / 1_000_000).toFixed(2)} MB; an image may be at most ${MAX_IMAGE_BYTES / 1_000_000} MB (Bedrock's limit, the smallest of the clouds).`;
  }
  if (!imageMediaTypeOf(bytes)) return `${name} is not a PNG, JPEG, GIF or WebP image (the formats every cloud accepts).`;
  return undefined;
}
