// Appending whole lines to a JSONL file that only this user may read: parent folders created (0700),
// the file created 0600 and opened O_APPEND, and a line torn by an earlier crash closed off first so the
// new line never fuses with it.
import fs from 'node:fs/promises';
import path from 'node:path';

async function endsWithNewline(handle: fs.FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

/** Appends `text` (one or more '\n'-terminated lines); `sync` waits until it is on disk. */
export async function appendLines(file: string, text: string, options: { sync: boolean }): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'a+' so the last byte can be read; writes still go to the end (O_APPEND).
  const handle = await fs.open(file, 'a+', 0o600);
  try {
    const prefix = (await endsWithNewline(handle)) ? '' : '\n';
    await handle.appendFile(prefix + text, 'utf8');
    if (options.sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
