// The Hasher port on node:crypto.
import { createHash, createHmac } from 'node:crypto';
import type { Hasher } from '../core/ports/system';

export const nodeHasher: Hasher = {
  sha256Hex: (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex'),
  hmacSha256Hex: (keyHex: string, data: string) => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(data).digest('hex'),
};
