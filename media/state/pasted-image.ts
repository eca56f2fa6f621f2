// An image pasted (or dropped) into the composer becomes an image attachment here, in the webview: the
// bytes are checked as the CLI and the host check them (src/shared/image-type.ts), so what cannot be sent
// is refused at once with a reason instead of failing after Send.
import type { Attachment } from '../../src/protocol/items';
import { imageMediaTypeOf, imageRefusal } from '../../src/shared/image-type';

function base64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode(...bytes) of a few MB would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `name`: what the chip shows (a pasted screenshot has no file name: "pasted image 1.png"). */
export async function imageAttachment(blob: Blob, name: string): Promise<Attachment | string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const refused = imageRefusal(name, bytes);
  if (refused) return refused;
  return { type: 'image', path: name, mediaType: imageMediaTypeOf(bytes)!, data: base64(bytes) };
}
