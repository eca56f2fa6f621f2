// `crosswind exec --image FILE`: image files read into message attachments, their format read from their
// bytes (src/shared/image-type.ts) and refused before any request when they cannot be sent.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MAX_IMAGES_PER_MESSAGE, type Attachment } from '../../protocol';
import { imageMediaTypeOf, imageRefusal } from '../../shared';
import { InputError, UsageError } from '../command';

export async function readImageAttachments(files: readonly string[], cwd: string): Promise<Attachment[]> {
  if (files.length > MAX_IMAGES_PER_MESSAGE) throw new UsageError(`at most ${MAX_IMAGES_PER_MESSAGE} --image files can be sent with one prompt, not ${files.length}`);
  const out: Attachment[] = [];
  for (const file of files) {
    const full = path.resolve(cwd, file);
    const bytes = await fs.readFile(full).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`--image ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a folder' : e.message}`);
    });
    const refused = imageRefusal(file, bytes);
    if (refused) throw new InputError(`--image ${refused}`);
    out.push({ type: 'image', path: path.basename(full), mediaType: imageMediaTypeOf(bytes)!, data: bytes.toString('base64') });
  }
  return out;
}
