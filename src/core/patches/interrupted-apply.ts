// An apply the engine did not live to record: before a patch writes, what it is about to write is
// recorded (PatchEvents.applying); after a restart, the files themselves say whether the writes landed.
import { decodeFileBytes } from '../../patch';
import type { Workspace } from '../ports/workspace';
import type { AppliedWrite } from '../threads/records';

/** Whether the files hold what an interrupted apply was writing: all of it, none of it (as before), or partly. */
export async function landed(workspace: Workspace, writes: AppliedWrite[]): Promise<'all' | 'none' | 'partly'> {
  let after = 0;
  let before = 0;
  for (const w of writes) {
    const now = await textNow(workspace, w.path);
    if (now === w.after) after++;
    else if (now === w.before) before++;
  }
  return after === writes.length ? 'all' : before === writes.length ? 'none' : 'partly';
}

/** A file's text now (null: absent; undefined: unreadable or not text). */
async function textNow(workspace: Workspace, path: string): Promise<string | null | undefined> {
  const f = await workspace.read(path).catch(() => undefined);
  if (f?.kind === 'missing') return null;
  if (f?.kind === 'text') return f.text.replace(/^\uFEFF/, '');
  if (f?.kind !== 'bytes') return undefined;
  const d = decodeFileBytes(f.bytes);
  return d.ok ? d.text : undefined;
}
