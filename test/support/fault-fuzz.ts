// Fuzzing, shared by the fast suite (a small budget) and the soak (a larger one):
// - patches: random and mutated Codex patches, sent by the model through apply_patch to the whole engine
//   in full-auto, over a workspace with symlinks that lead out and a sentinel folder beside it;
// - webview messages: random JSON, arbitrary values and near-valid messages (wrong types, missing or extra
//   fields, huge strings) through the sidebar's validation and dispatch.
// Each `check…` returns what went wrong ([] when nothing did), so fast-check can shrink a failure.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { dispatchWebviewMessage, type WebviewMessageHandlers } from '../../src/extension/sidebar/webview-dispatch';
import { WEBVIEW_METHODS, WebviewToHost } from '../../src/protocol';
import type { Cloud } from './engine-harness';
import { hashTree } from './fault-checks';
import { FaultEngine } from './fault-engine';

// ---------------------------------------------------------------------------------------------- patches

const FILES: Record<string, string | Buffer> = {
  'a.txt': 'a1\na2\na3\na4\na5\n',
  'dir/b.txt': 'b1\nb2\nb3\n',
  'crlf.txt': 'c1\r\nc2\r\nc3\r\n',
  'bom.txt': '\uFEFFd1\nd2\n',
  'empty.txt': '',
  'bin.dat': Buffer.from([0, 1, 2, 0xff, 0xfe, 10, 0]),
};
const CANARY = 'canary-outside-0451';

export function patchPaths(outside: string): string[] {
  return [
    'a.txt', 'dir/b.txt', 'crlf.txt', 'bom.txt', 'empty.txt', 'bin.dat', 'new.txt', 'dir/new/c.txt', 'in-link/b.txt', 'dir',
    '../outside/canary.txt', `${outside}/canary.txt`, 'esc/x.txt', 'esc/canary.txt', 'esc-file', 'dangling', 'dir/../../outside/n.txt',
    'dir\\..\\..\\outside\\w.txt', 'C:\\outside\\canary.txt', '', ' ', '.', 'dir/', 'a.txt\u0000x', 'ü/ñ.txt', '%2e%2e/x',
  ];
}

const TRICKY_LINES = ['*** Begin Patch', '*** End Patch', '*** End of File', '@@', '@@ a2', '*** Add File: x', '*** Update File: a.txt', '*** Delete File: a.txt', '*** Move to: ../m', '', ' ', '+', '-', '\\ No newline at end of file', '\r', 'a3', ' a3', '-a3', '+a3', '-b2', ' b1'];

function patchLine(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('a1', 'a2', 'a3', 'a5', 'b2', 'c2', 'd1', '', 'zz'), fc.string({ maxLength: 12 }), fc.constantFrom(...TRICKY_LINES));
}

function op(paths: string[]): fc.Arbitrary<string[]> {
  const p = fc.constantFrom(...paths);
  const body = fc.array(fc.tuple(fc.constantFrom(' ', '-', '+'), patchLine()).map(([c, l]) => c + l), { maxLength: 6 });
  const chunk = fc.tuple(fc.option(patchLine(), { nil: undefined }), body, fc.boolean()).map(([anchor, lines, eof]) => [anchor === undefined ? '@@' : `@@ ${anchor}`, ...lines, ...(eof ? ['*** End of File'] : [])]);
  return fc.oneof(
    fc.tuple(p, fc.array(patchLine(), { maxLength: 4 })).map(([f, lines]) => [`*** Add File: ${f}`, ...lines.map((l) => `+${l}`)]),
    p.map((f) => [`*** Delete File: ${f}`]),
    fc.tuple(p, fc.option(p, { nil: undefined }), fc.array(chunk, { minLength: 0, maxLength: 3 })).map(([f, to, chunks]) => [`*** Update File: ${f}`, ...(to === undefined ? [] : [`*** Move to: ${to}`]), ...chunks.flat()]),
  );
}

/** A patch built from the grammar, then (maybe) mangled: lines dropped, doubled, swapped, inserted, or cut. */
export function patchArbitrary(outside: string): fc.Arbitrary<string> {
  const wellFormed = fc.array(op(patchPaths(outside)), { minLength: 1, maxLength: 3 }).map((ops) => ['*** Begin Patch', ...ops.flat(), '*** End Patch']);
  const mutation = fc.tuple(fc.constantFrom('drop', 'double', 'swap', 'insert', 'cut', 'crlf'), fc.nat(), fc.nat(), patchLine());
  const mutated = fc.tuple(wellFormed, fc.array(mutation, { maxLength: 3 })).map(([lines, ms]) => {
    const out = [...lines];
    for (const [kind, i, j, line] of ms) {
      const a = i % (out.length + 1);
      const b = j % Math.max(1, out.length);
      if (kind === 'drop') out.splice(a, 1);
      else if (kind === 'double' && out[b] !== undefined) out.splice(b, 0, out[b]!);
      else if (kind === 'swap' && out[a] !== undefined) [out[a], out[b]] = [out[b]!, out[a]!];
      else if (kind === 'insert') out.splice(a, 0, line);
      else if (kind === 'cut') out.length = Math.max(1, a);
      else if (kind === 'crlf') return out.join('\r\n');
    }
    return out.join('\n');
  });
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => `*** Begin Patch\n${s}`) }, { weight: 1, arbitrary: fc.string({ maxLength: 200 }) });
}

/** What the model may be told about a patch: applied, or refused/failed for a reason — never an internal error. */
const PATCH_OUTCOME = /^(Success\. Updated the following files:|apply_patch verification failed: |Not applied: |The patch |The files changed|Invalid arguments for apply_patch: )/;

/** The promise's value, or undefined if it takes longer than `ms` (a fuzz run never hangs the suite). */
export function within<T>(ms: number, p: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** A workspace with a sentinel beside it and symlinks that lead to it, and an engine in full-auto over it. */
export class PatchFuzzBench {
  readonly ws: string;
  readonly outside: string;
  private outsideHash = '';
  private calls = 0;

  private constructor(
    readonly base: string,
    readonly engine: FaultEngine,
    private readonly cloud: Cloud,
  ) {
    this.ws = engine.opts.workspace;
    this.outside = path.join(base, 'outside');
  }

  static async create(base: string, cloud: Cloud): Promise<PatchFuzzBench> {
    const ws = path.join(base, 'ws');
    fs.mkdirSync(ws, { recursive: true });
    fs.mkdirSync(path.join(base, 'outside'), { recursive: true });
    fs.writeFileSync(path.join(base, 'outside', 'canary.txt'), `${CANARY}\n`);
    const engine = await FaultEngine.start({ clouds: [cloud], workspace: ws, state: path.join(base, 'state'), settings: { approvalPolicy: 'full-auto' } });
    const bench = new PatchFuzzBench(base, engine, cloud);
    bench.outsideHash = hashTree(bench.outside);
    return bench;
  }

  private reset(): void {
    for (const name of fs.readdirSync(this.ws)) fs.rmSync(path.join(this.ws, name), { recursive: true, force: true });
    for (const [p, content] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(this.ws, p)), { recursive: true });
      fs.writeFileSync(path.join(this.ws, p), content);
    }
    fs.symlinkSync(this.outside, path.join(this.ws, 'esc'));
    fs.symlinkSync(path.join(this.outside, 'canary.txt'), path.join(this.ws, 'esc-file'));
    fs.symlinkSync(path.join(this.outside, 'nothing-yet.txt'), path.join(this.ws, 'dangling'));
    fs.symlinkSync(path.join(this.ws, 'dir'), path.join(this.ws, 'in-link'));
  }

  /** One turn in which the model sends `patches`; what went wrong, if anything. */
  async check(patches: string[]): Promise<string[]> {
    this.reset();
    const ids = patches.map(() => `fz${++this.calls}`);
    this.cloud.script([{ steps: patches.map((input, i) => ({ type: 'toolCall' as const, callId: ids[i]!, name: 'apply_patch', input: { input } })) }, { steps: [{ type: 'text', text: 'ok' }] }]);
    const thread = await this.engine.engine.startThread({});
    const turn = await within(30_000, this.engine.run(thread.id, 'patch'));
    if (!turn) return ['the turn did not end within 30 s'];
    const problems: string[] = [];
    if (turn.status !== 'completed') problems.push(`turn ${turn.status}: ${turn.error?.message}`);
    const sent = this.cloud.requests.at(-1)?.messages ?? [];
    for (const id of ids) {
      const r = sent.find((m) => m.role === 'tool' && m.toolResult.id === id);
      const out = r?.role === 'tool' ? r.toolResult.output : undefined;
      if (out === undefined) problems.push(`no result for ${id}`);
      else if (!PATCH_OUTCOME.test(out)) problems.push(`unexpected result: ${out.slice(0, 300)}`);
      else if (out.includes(CANARY)) problems.push('the sentinel was read');
    }
    if (hashTree(this.outside) !== this.outsideHash) problems.push('the folder outside the workspace changed');
    const leftovers = fs.readdirSync(this.ws, { recursive: true }).map(String).filter((n) => n.includes('.crosswind-'));
    if (leftovers.length) problems.push(`temporary files left: ${leftovers.join(', ')}`);
    return problems;
  }
}

// ---------------------------------------------------------------------------------------------- webview

const ID = fc.string({ minLength: 1, maxLength: 20 });

/** One valid message of each type. */
function validMessage(): fc.Arbitrary<Record<string, unknown>> {
  const attachment = fc.oneof(
    fc.record({ type: fc.constant('file'), path: fc.string() }),
    fc.record({ type: fc.constant('selection'), path: fc.string(), startLine: fc.integer({ min: 1, max: 99 }), endLine: fc.integer({ min: 1, max: 99 }), text: fc.string() }),
  );
  const message = <M extends string>(method: M, params: fc.Arbitrary<Record<string, unknown>>) => fc.record({ method: fc.constant(method), params });
  const decision = fc.record({ path: fc.string(), hunk: fc.nat(), decision: fc.constantFrom('accepted', 'rejected') }, { requiredKeys: ['path', 'decision'] });
  return fc.oneof(
    fc.constantFrom(...['ready', 'selectProvider', 'thread/start', 'thread/list', 'turn/interrupt'].map((method) => ({ method, params: {} }))),
    message('turn/start', fc.record({ text: fc.string({ minLength: 1 }), attachments: fc.array(attachment, { maxLength: 3 }) })),
    message('thread/resume', fc.record({ threadId: ID })),
    message('attach', fc.record({ type: fc.constantFrom('selection', 'file', 'diagnostics') })),
    message('patch/decide', fc.record({ patchId: ID, decisions: fc.array(decision, { minLength: 1, maxLength: 3 }) })),
    fc.record({ method: fc.constantFrom('patch/apply', 'patch/reject', 'patch/revert'), params: fc.record({ patchId: ID }) }),
    message('openDiff', fc.record({ patchId: ID, path: fc.string() })),
    message('answerApproval', fc.record({ requestId: ID, decision: fc.constantFrom('accept', 'acceptForSession', 'decline', 'cancel') })),
    message('openFile', fc.record({ path: fc.string(), line: fc.integer({ min: 1 }) }, { requiredKeys: ['path'] })),
    message('copy', fc.record({ text: fc.string() })),
    message('runFix', fc.record({ command: fc.string({ maxLength: 50 }) })),
  );
}

const HUGE = 'x'.repeat(1_000_001);

/** Valid messages bent: a param of the wrong type, removed, or huge; extra fields; a method that almost matches. */
export function webviewArbitrary(): fc.Arbitrary<unknown> {
  const nearValid = fc.tuple(validMessage(), fc.constantFrom('wrongType', 'remove', 'extra', 'proto', 'huge', 'typeCase', 'none'), fc.nat(), fc.anything({ maxDepth: 2 })).map(([m, how, i, value]) => {
    const params: Record<string, unknown> = { ...(m.params as Record<string, unknown>) };
    const out: Record<string, unknown> = { ...m, params };
    const keys = Object.keys(params);
    const key = keys.length ? keys[i % keys.length]! : 'x';
    if (how === 'wrongType') params[key] = value;
    else if (how === 'remove') delete params[key];
    else if (how === 'extra') Object.assign(out, { extra: value, constructor: 'x', toString: 'y' });
    // As JSON.parse builds it from what a compromised webview could send: '__proto__' as an own key.
    else if (how === 'proto') return JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(m).slice(1)}`) as unknown;
    else if (how === 'huge') params[key] = HUGE;
    else if (how === 'typeCase') out.method = `${String(out.method).toUpperCase()} `;
    return out;
  });
  return fc.oneof(nearValid, validMessage(), fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }));
}

/** Every method but runFix, with a handler that records the params it got (and fails now and then, sync or async). */
export function recordingHandlers(got: unknown[], failEvery = 7): WebviewMessageHandlers {
  let n = 0;
  const handle = (m: unknown) => {
    got.push(m);
    n++;
    if (n % failEvery === 0) throw new Error('handler failed (sync)');
    if (n % failEvery === 3) return Promise.reject(new Error('handler failed (async)'));
    return undefined;
  };
  // runFix left out: how an unknown-to-the-host message is handled is fuzzed too.
  return Object.fromEntries(WEBVIEW_METHODS.filter((m) => m !== 'runFix').map((m) => [m, handle])) as unknown as WebviewMessageHandlers;
}

/** One message through the sidebar's validation: what went wrong, if anything. */
export async function checkWebviewMessage(raw: unknown, handlers: WebviewMessageHandlers, got: unknown[]): Promise<string[]> {
  const warnings: string[] = [];
  const errors: string[] = [];
  const before = got.length;
  let outcome: string;
  try {
    outcome = await dispatchWebviewMessage(raw, handlers, { warn: (m) => warnings.push(m), error: (m) => errors.push(m) }, () => undefined);
  } catch (e) {
    return [`dispatch threw: ${String(e)}`];
  }
  const problems: string[] = [];
  const valid = WebviewToHost.safeParse(raw);
  if (outcome === 'invalid') {
    if (valid.success) problems.push('a valid message was dropped');
    if (got.length !== before) problems.push('an invalid message reached a handler');
    if (warnings.length !== 1) problems.push('an invalid message was not logged once');
  } else {
    if (!valid.success) problems.push('an invalid message was accepted');
    if (outcome !== 'unhandled' && got.length !== before + 1) problems.push('a valid message did not reach its handler once');
    const delivered = got[got.length - 1];
    if (outcome !== 'unhandled' && JSON.stringify(delivered) !== JSON.stringify(valid.success ? valid.data.params : undefined)) problems.push('the handler got something other than the validated params');
    if (outcome === 'failed' && errors.length !== 1) problems.push('a failing handler was not logged');
  }
  for (const line of [...warnings, ...errors]) if (line.length > 400) problems.push(`a log line of ${line.length} characters`);
  return problems;
}
