// What each soak turn does, drawn from a seeded generator (the seed is printed, SOAK_SEED replays it):
// the model's script (a patch that appends one line to the thread's file, then a short answer), the
// faults played before either response, and whether the turn is interrupted or its engine killed — at a
// given point of a streamed answer, or after a random delay. And how to tell, at the end, what every file
// must hold: its first line, then the line of every turn whose patch the thread says was applied.
import type { Thread } from '../../src/protocol';
import type { Fault, ScriptEntry } from '../support/scripted-model';

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultKind = 'throttle' | 'throttleRetryAfter' | 'server500' | 'server503' | 'midStream' | 'dropBeforeAnyByte' | 'dropMidStream' | 'truncate' | 'slow' | 'authExpired';

const RETRYABLE: [FaultKind, (r: () => number) => Fault][] = [
  ['throttle', () => ({ fault: 'throttle' })],
  ['throttleRetryAfter', () => ({ fault: 'throttle', retryAfterSeconds: 0.02 })],
  ['server500', () => ({ fault: 'serverError' })],
  ['server503', () => ({ fault: 'serverError', status: 503 })],
  ['midStream', (r) => ({ fault: 'midStreamError', afterEvents: 1 + Math.floor(r() * 3) })],
  ['dropBeforeAnyByte', () => ({ fault: 'drop', afterEvents: 0 })],
  ['dropMidStream', (r) => ({ fault: 'drop', afterEvents: 2 + Math.floor(r() * 3) })],
  ['truncate', () => ({ fault: 'truncate', afterEvents: 2 })],
];

export interface TurnPlan {
  /** Faults before response 1 (the patch) and response 2 (the answer); at most 2 each (3 attempts). */
  faults: [FaultKind[], FaultKind[]];
  faultEntries: [Fault[], Fault[]];
  /** An unrecoverable fault (expired credentials) instead of that response. */
  fatalAt?: 1 | 2;
  slow: [boolean, boolean];
  /** When: after some deltas of response `at`; as soon as the patch shows (it is being applied); or after a delay. */
  action?: { type: 'kill' | 'interrupt'; at: 1 | 2; afterDeltas?: number; onPatch?: true; afterMs?: number };
}

/** `forceKill`: this turn's engine is killed whatever the draw (so every run kills some). */
export function planTurn(r: () => number, rates: { kill: number; interrupt: number }, forceKill = false): TurnPlan {
  const plan: TurnPlan = { faults: [[], []], faultEntries: [[], []], slow: [r() < 0.1, r() < 0.1] };
  for (const pos of [0, 1] as const) {
    if (r() < 0.35) {
      const n = r() < 0.7 ? 1 : 2;
      for (let k = 0; k < n; k++) {
        const [kind, make] = RETRYABLE[Math.floor(r() * RETRYABLE.length)]!;
        plan.faults[pos].push(kind);
        plan.faultEntries[pos].push(make(r));
      }
    }
  }
  const x = r();
  const at: 1 | 2 = r() < 0.5 ? 1 : 2;
  if (x < rates.kill || forceKill) plan.action = { type: 'kill', at, ...timing(r) };
  else if (x < rates.kill + rates.interrupt) plan.action = { type: 'interrupt', at, ...timing(r) };
  else if (x < rates.kill + rates.interrupt + 0.03) plan.fatalAt = at;
  if (plan.action) plan.slow[plan.action.at - 1] = true;
  return plan;
}

/** At a point of the streamed answer (after some deltas), while the patch is being applied, or after a random delay. */
function timing(r: () => number): { afterDeltas: number } | { onPatch: true } | { afterMs: number } {
  const x = r();
  if (x < 0.55) return { afterDeltas: 1 + Math.floor(r() * 6) };
  return x < 0.8 ? { onPatch: true } : { afterMs: Math.floor(r() * 250) };
}

const SLOW_TEXT = 'Let me look at this file carefully before I change anything in it. '.repeat(3);

/** The model's script for one turn; entries after an unrecoverable fault are never played, so not scripted. */
export function turnScript(plan: TurnPlan, turn: number, patch: string): ScriptEntry[] {
  const response = (pos: 0 | 1, quick: string, extra: ScriptEntry[] = []): ScriptEntry[] => {
    const slow = plan.slow[pos];
    const steps = [{ type: 'text' as const, text: slow ? SLOW_TEXT : quick, chunks: slow ? 30 : 3 }];
    const tool = pos === 0 ? [{ type: 'toolCall' as const, callId: `p${turn}`, name: 'apply_patch', input: { input: patch } }] : [];
    return [...extra, { steps: [...steps, ...tool], ...(slow ? { delayMs: 12 } : {}) }];
  };
  const out: ScriptEntry[] = [...plan.faultEntries[0]];
  if (plan.fatalAt === 1) return [...out, { fault: 'authExpired' }];
  out.push(...response(0, `Appending to the file (turn ${turn}).`));
  out.push(...plan.faultEntries[1]);
  if (plan.fatalAt === 2) return [...out, { fault: 'authExpired' }];
  out.push(...response(1, `Turn ${turn} is done.`));
  return out;
}

/** The fault kinds of the first `played` script entries (the ones the cloud answered). */
export function faultsPlayed(plan: TurnPlan, played: number): FaultKind[] {
  const seq: (FaultKind | null)[] = [...plan.faults[0]];
  if (plan.fatalAt === 1) seq.push('authExpired');
  else {
    seq.push(plan.slow[0] ? 'slow' : null, ...plan.faults[1]);
    if (plan.fatalAt === 2) seq.push('authExpired');
    else seq.push(plan.slow[1] ? 'slow' : null);
  }
  return seq.slice(0, played).filter((k): k is FaultKind => k !== null);
}

/** A patch that appends `line` after the file's last line. */
export function appendPatch(file: string, content: string, line: string): string {
  const last = content.replace(/\n$/, '').split('\n').at(-1)!;
  return ['*** Begin Patch', `*** Update File: ${file}`, '@@', ` ${last}`, `+${line}`, '*** End Patch'].join('\n');
}

/** What the file must hold: its first line, then the line added by each patch the thread says was applied, in order. */
export function expectedContent(header: string, thread: Thread): string {
  const lines = [header];
  for (const item of thread.items) {
    if (item.type !== 'fileChange' || (item.patch.status !== 'applied' && item.patch.status !== 'partiallyApplied')) continue;
    for (const f of item.patch.files) for (const h of f.hunks) for (const l of h.lines) if (l.startsWith('+')) lines.push(l.slice(1));
  }
  return lines.join('\n') + '\n';
}

/** Bytes of lines one text has and the other has not (both ways): 0 when nothing was lost or added. */
export function bytesLost(expected: string, actual: string): number {
  const count = (t: string) => {
    const m = new Map<string, number>();
    for (const l of t.split('\n')) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const e = count(expected);
  const a = count(actual);
  let lost = 0;
  for (const [l, n] of e) lost += Math.max(0, n - (a.get(l) ?? 0)) * (Buffer.byteLength(l) + 1);
  for (const [l, n] of a) lost += Math.max(0, n - (e.get(l) ?? 0)) * (Buffer.byteLength(l) + 1);
  return lost;
}
