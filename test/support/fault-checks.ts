// What the resilience tests check after every fault, crash and fuzz run: a thread on disk is complete
// (every turn closed, nothing left streaming or running, every tool call the model made answered), a
// folder is byte-identical to before, and no secret can be read back from a folder — not even in pieces
// that a reader of the thread file would put back together.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ThreadRecord } from '../../src/core/threads/records';
import { ThreadState } from '../../src/core/threads/thread-state';
import { JsonlThreadStore } from '../../src/host/jsonl-thread-store';

export function readThreadRecords(stateDir: string, threadId: string): Promise<ThreadRecord[]> {
  return new JsonlThreadStore(path.join(stateDir, 'threads')).read(threadId);
}

/** Everything wrong with a thread as it would be rebuilt from disk; [] when it is complete. */
export function threadProblems(records: ThreadRecord[]): string[] {
  const state = ThreadState.fromRecords(records);
  const problems: string[] = [];
  if (!state.id) return ['no thread record'];
  for (const t of state.turns) if (t.status === 'inProgress') problems.push(`turn ${t.id} is still inProgress`);
  for (const i of state.items) {
    const open =
      ((i.type === 'agentMessage' || i.type === 'reasoning' || i.type === 'toolCall') && i.status === 'inProgress') ||
      (i.type === 'commandExecution' && (i.status === 'inProgress' || i.status === 'awaitingApproval'));
    if (open) problems.push(`${i.type} item ${i.id} is still ${i.status}`);
  }
  const calls = new Map<string, number>();
  const results = new Map<string, number>();
  for (const c of state.conversation) {
    if (c.type === 'toolCall') calls.set(c.callId, (calls.get(c.callId) ?? 0) + 1);
    if (c.type === 'toolResult') results.set(c.callId, (results.get(c.callId) ?? 0) + 1);
  }
  for (const [id, n] of calls) {
    if (n > 1) problems.push(`tool call ${id} is in the conversation ${n} times`);
    const r = results.get(id) ?? 0;
    if (r !== 1) problems.push(`tool call ${id} has ${r} results`);
  }
  for (const id of results.keys()) if (!calls.has(id)) problems.push(`tool result ${id} answers no call`);
  return problems;
}

/** A digest of a folder: names, kinds, link targets and bytes, without following symlinks. */
export function hashTree(dir: string): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    const names = fs.readdirSync(path.join(dir, rel)).sort();
    for (const name of names) {
      const child = rel ? `${rel}/${name}` : name;
      const abs = path.join(dir, child);
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) h.update(`L ${child} -> ${fs.readlinkSync(abs)}\n`);
      else if (st.isDirectory()) {
        h.update(`D ${child}\n`);
        walk(child);
      } else h.update(`F ${child} ${st.size}\n`).update(fs.readFileSync(abs));
    }
  };
  walk('');
  return h.digest('hex');
}

/** Every regular file under dir (recursively), as [relative path, bytes]. */
function filesUnder(dir: string): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push([child, fs.readFileSync(path.join(dir, child))]);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}

/**
 * Where any of `secrets` can be read back from files under `dir`: in clear, or rebuilt from a thread
 * file's streamed pieces (itemDelta records concatenated per item, as a reader replaying it would).
 */
export function secretLeaks(dir: string, secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const [rel, bytes] of filesUnder(dir)) {
    const text = bytes.toString('utf8');
    for (const s of secrets) if (text.includes(s)) leaks.push(`${rel} holds ${s.slice(0, 6)}…`);
    if (!rel.endsWith('.jsonl')) continue;
    const streamed = new Map<string, string>();
    for (const line of text.split('\n')) {
      let r: { type?: string; itemId?: string; delta?: string };
      try {
        r = JSON.parse(line) as typeof r;
      } catch {
        continue;
      }
      if (r.type === 'itemDelta' && r.itemId && typeof r.delta === 'string') streamed.set(r.itemId, (streamed.get(r.itemId) ?? '') + r.delta);
    }
    for (const [item, joined] of streamed) for (const s of secrets) if (joined.includes(s)) leaks.push(`${rel}: the streamed pieces of ${item} rebuild ${s.slice(0, 6)}…`);
  }
  return leaks;
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
