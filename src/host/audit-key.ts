// The CLI's audit key: 32 random bytes (hex) in a 0600 file, in a 0700 folder of the user's config
// directory — outside any workspace, and among the paths the command sandbox hides, so an agent's
// command can neither read it nor replace it. Created on first use; never printed or logged.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { registerSecret } from '../shared';

const KEY = /^[0-9a-f]{64}$/;

export async function readAuditKey(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = (await fs.readFile(file, 'utf8')).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (!KEY.test(text)) throw new Error(`The audit key file ${file} is damaged (it should hold 64 hex digits). Move it aside: a new key starts a new audit log.`);
  registerSecret(text);
  return text;
}

export async function ensureAuditKey(file: string): Promise<string> {
  const existing = await readAuditKey(file);
  if (existing) return existing;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  try {
    // 'wx': two processes starting at once do not overwrite each other's key.
    await fs.writeFile(file, key + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return (await readAuditKey(file))!;
    throw e;
  }
  registerSecret(key);
  return key;
}
