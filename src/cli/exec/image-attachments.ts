// `crosswind exec --image FILE`: image files read into message attachments. The format is read from the
// file's bytes (its signature), not its name, so a renamed file is sent as what it is or refused before
// any request; the limits are the smallest the clouds set (src/protocol/items.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE, type Attachment, type ImageMediaType } from '../../protocol';
import { InputError, UsageError } from '../command';

/** PNG, JPEG, GIF87a/89a and RIFF…WEBP signatures: the formats every cloud takes. */
function mediaTypeOf(bytes: Buffer): ImageMediaType | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (/^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

export async function readImageAttachments(files: readonly string[], cwd: string): Promise<Attachment[]> {
  if (files.length > MAX_IMAGES_PER_MESSAGE) throw new UsageError(`at most ${MAX_IMAGES_PER_MESSAGE} --image files can be sent with one prompt, not ${files.length}`);
  const out: Attachment[] = [];
  for (const file of files) {
    const full = path.resolve(cwd, file);
    const bytes = await fs.readFile(full).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`--image ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a folder' : e.message}`);
    });
    if (bytes.length > MAX_IMAGE_BYTES) {
      throw new InputError(`--image ${file}: ${(bytes.length / 1_000_000).toFixed(2)} MB; an image may be at most ${MAX_IMAGE_BYTES / 1_000_000} MB (Bedrock's limit, the smallest of the clouds)`);
    }
    const mediaType = mediaTypeOf(bytes);
    if (!mediaType) throw new InputError(`--image ${file}: not a PNG, JPEG, GIF or WebP image (the formats every cloud accepts)`);
    out.push({ type: 'image', path: path.basename(full), mediaType, data: bytes.toString('base64') });
  }
  return out;
}
