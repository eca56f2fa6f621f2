// Editing a proposal before applying it (patch/edit): the user's text replaces the model's for one file,
// the views get that file's hunks computed again, applying writes the user's version (all hunks or the
// accepted ones), and the model's next request says what the user changed. Driven through the real
// engine against a loopback Bedrock; what the model was told is read from what that server received.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineNotification, ItemOf, PatchView } from '../../../src/protocol';
import { EngineHarness, startCloud, type Cloud } from '../../support/engine-harness';
import { lastToolResult } from '../../support/scripted-model';

const FILE = [
  'export function mean(values) {',
  '  let sum = 0;',
  '  for (const v of values) {',
  '    // Numbers only: strings would concatenate.',
  '    if (typeof v !== "number") continue;',
  '    sum += v;',
  '  }',
  '  return sum / values.length;',
  '}',
  '',
].join('\n');
const PATCH = [
  '*** Begin Patch',
  '*** Update File: stats.js',
  '@@',
  ' export function mean(values) {',
  '+  if (values.length === 0) return 0;',
  '   let sum = 0;',
  '*** Add File: notes.md',
  '+# Notes',
  '*** Delete File: old.txt',
  '*** End Patch',
].join('\n');
const MODEL_STATS = FILE.replace('  let sum = 0;', '  if (values.length === 0) return 0;\n  let sum = 0;');
/** The user keeps the guard but returns NaN, and adds a comment at the end. */
const USER_STATS = FILE.replace('  let sum = 0;', '  if (values.length === 0) return NaN;\n  let sum = 0;').replace(/^}\n/m, '}\n// NaN: no values, no mean\n');

async function eventOf<T>(h: EngineHarness, match: (e: EngineNotification) => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const e of h.events) {
      const found = match(e);
      if (found !== undefined) return found;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pendingPatch = (h: EngineHarness) =>
  eventOf(h, (e) => (e.method === 'item/started' && e.params.item.type === 'fileChange' ? (e.params.item as ItemOf<'fileChange'>).patch : undefined), 'the proposed patch');

/** The test's user answers only through patch/* requests: the harness's reviewer never settles the patch. */
const reviewLater = () => new Promise<never>(() => undefined);

const statsOf = (view: PatchView) => view.files.find((f) => f.path === 'stats.js')!;

describe('editing a proposal before applying it (patch/edit)', function () {
  this.timeout(30_000);
  let cloud: Cloud;
  let h: EngineHarness | undefined;
  beforeEach(async () => {
    cloud = await startCloud('bedrock');
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await cloud.close();
  });

  async function proposed(): Promise<{ patch: PatchView; done: Promise<unknown> }> {
    h = await EngineHarness.create({ clouds: [cloud], files: { 'stats.js': FILE, 'old.txt': 'obsolete\n' }, approve: reviewLater });
    cloud.script([{ steps: [{ type: 'toolCall', name: 'apply_patch', input: { input: PATCH } }] }, { steps: [{ type: 'text', text: 'Noted: NaN it is.' }] }]);
    const { done } = await h.start('Make mean() safe on an empty list');
    return { patch: await pendingPatch(h), done };
  }

  it('shows the edited hunks, applies the user’s text, tells the model what the user changed, and audits the edit', async () => {
    const { patch, done } = await proposed();
    const edited = await h!.engine.editPatch(h!.threadId!, patch.id, 'stats.js', USER_STATS);
    const file = statsOf(edited.patch);
    assert.equal(edited.patch.status, 'pending', 'an edit decides nothing');
    assert.equal(file.editedByUser, true);
    assert.deepEqual(
      file.hunks.flatMap((hk) => hk.lines.filter((l) => l.startsWith('+'))),
      ['+  if (values.length === 0) return NaN;', '+// NaN: no values, no mean'],
      'the card shows the user’s lines, not the model’s',
    );
    assert.equal(h!.read('stats.js'), FILE, 'nothing is written by an edit');
    const updates = h!.events.flatMap((e) => (e.method === 'item/updated' && e.params.item.type === 'fileChange' ? [e.params.item.patch] : []));
    assert.equal(updates.length && statsOf(updates.at(-1)!).editedByUser, true, 'every view hears of the edit');
    const preview = await h!.engine.previewPatch(h!.threadId!, patch.id, 'stats.js');
    assert.equal(preview.newText, USER_STATS, 'the diff editor shows the edit');

    assert.equal(cloud.requests.length, 1, 'the model hears nothing until the patch is decided');
    const applied = await h!.engine.applyPatch(h!.threadId!, patch.id);
    assert.equal(applied.patch.status, 'applied');
    await done;
    assert.equal(h!.read('stats.js'), USER_STATS, 'the file holds the user’s version');
    assert.equal(h!.read('notes.md'), '# Notes\n', 'the files the user did not edit are applied as proposed');
    assert.equal(h!.exists('old.txt'), false);

    const told = lastToolResult(cloud.requests[1]).output;
    assert.match(told, /^Success\. Updated the following files:/);
    assert.match(told, /The user edited your proposed change before applying it.*\(stats\.js\)/);
    assert.match(told, /^- {2}if \(values\.length === 0\) return 0;$/m, 'the model’s line, as removed by the user');
    assert.match(told, /^\+ {2}if \(values\.length === 0\) return NaN;$/m, 'the user’s line');
    assert.match(told, /^\+\/\/ NaN: no values, no mean$/m);
    assert.doesNotMatch(told, /notes\.md:|^[-+]# Notes/m, 'files the user left alone are not in the diff');

    const audit = fs.readFileSync(h!.auditLogPath, 'utf8');
    assert.match(audit, /"path":"stats\.js"[^\n]*"type":"patchEdit"/, 'the edit is audited');
  });

  it('a partial accept applies the accepted hunks of the user’s version', async () => {
    const { patch, done } = await proposed();
    const edited = await h!.engine.editPatch(h!.threadId!, patch.id, 'stats.js', USER_STATS);
    const hunks = statsOf(edited.patch).hunks;
    assert.equal(hunks.length, 2, 'the guard and the comment are two hunks');
    await h!.engine.decidePatch(h!.threadId!, patch.id, [
      { path: 'stats.js', hunk: hunks[0]!.index, decision: 'accepted' },
      { path: 'stats.js', hunk: hunks[1]!.index, decision: 'rejected' },
      { path: 'notes.md', decision: 'rejected' },
      { path: 'old.txt', decision: 'rejected' },
    ]);
    await done;
    assert.equal(h!.read('stats.js'), USER_STATS.replace('// NaN: no values, no mean\n', ''));
    assert.equal(h!.exists('notes.md'), false);
    assert.match(lastToolResult(cloud.requests[1]).output, /Partly applied[\s\S]*The user edited your proposed change/);
  });

  it('refuses an edit of a path the patch does not change, of a file it deletes, and of a decided patch', async () => {
    const { patch, done } = await proposed();
    const edit = (p: string, text: string) => h!.engine.editPatch(h!.threadId!, patch.id, p, text);
    await assert.rejects(edit('other.js', 'x'), /does not change 'other\.js'/);
    await assert.rejects(edit('old.txt', 'keep me\n'), /deletes 'old\.txt'/);
    await assert.rejects(edit('stats.js', 'x'.repeat(2_000_001)), /at most 2,000,000 characters/);
    await h!.engine.rejectPatch(h!.threadId!, patch.id);
    await done;
    await assert.rejects(edit('stats.js', USER_STATS), /already rejected/);
    assert.equal(h!.read('stats.js'), FILE);
    assert.doesNotMatch(lastToolResult(cloud.requests[1]).output, /edited/, 'a rejected patch reports no edit');
  });

  it('an edit of an added file is applied as the user wrote it', async () => {
    const { patch, done } = await proposed();
    await h!.engine.editPatch(h!.threadId!, patch.id, 'notes.md', '# Notes\n\nMean of nothing is NaN.\n');
    await h!.engine.applyPatch(h!.threadId!, patch.id);
    await done;
    assert.equal(h!.read('notes.md'), '# Notes\n\nMean of nothing is NaN.\n');
    assert.match(lastToolResult(cloud.requests[1]).output, /^\+Mean of nothing is NaN\.$/m);
  });

  it('never applies an edit over a change made to the file since: the patch goes stale and nothing is written', async () => {
    const { patch, done } = await proposed();
    await h!.engine.editPatch(h!.threadId!, patch.id, 'stats.js', USER_STATS);
    // The user changes the real file after editing the proposal (the model's patch would still apply).
    const changed = FILE.replace('}\n', '}\n\nexport const answer = 42;\n');
    fs.writeFileSync(path.join(h!.workspace, 'stats.js'), changed);
    const result = await h!.engine.applyPatch(h!.threadId!, patch.id);
    assert.equal(result.patch.status, 'stale');
    assert.match(result.patch.error?.message ?? '', /stats\.js changed since you edited the proposal/);
    await done;
    assert.equal(h!.read('stats.js'), changed, 'the later change is kept');
    assert.equal(h!.exists('notes.md'), false, 'no file of the patch is written');
  });

  it('an edit survives a restart of the engine, and going back to the model’s text clears it', async () => {
    const { patch } = await proposed();
    await h!.engine.editPatch(h!.threadId!, patch.id, 'stats.js', USER_STATS);
    const first = h!;
    await first.close();
    h = await EngineHarness.create({ clouds: [cloud], reuse: { workspace: first.workspace, state: first.state }, approve: reviewLater });
    h.threadId = first.threadId;
    const restored = await h.engine.previewPatch(h.threadId!, patch.id, 'stats.js');
    assert.equal(restored.newText, USER_STATS, 'the restarted engine shows the user’s edit');
    const back = await h.engine.editPatch(h.threadId!, patch.id, 'stats.js', MODEL_STATS);
    assert.equal(statsOf(back.patch).editedByUser, undefined, 'the model’s text again: no longer edited');
    await h.engine.applyPatch(h.threadId!, patch.id);
    assert.equal(h.read('stats.js'), MODEL_STATS);
  });

  it('an edited patch applied after its turn was stopped is told to the model with the next message', async () => {
    const { patch, done } = await proposed();
    await h!.engine.interruptTurn(h!.threadId!);
    await done;
    await h!.engine.editPatch(h!.threadId!, patch.id, 'stats.js', USER_STATS);
    await h!.engine.applyPatch(h!.threadId!, patch.id);
    assert.equal(h!.read('stats.js'), USER_STATS);
    cloud.script([{ steps: [{ type: 'text', text: 'I see you chose NaN.' }] }]);
    await h!.run('Thanks. What did I change?');
    const texts = (cloud.requests.at(-1)?.messages ?? []).flatMap((m) => ('text' in m && m.role === 'user' ? [m.text] : []));
    const note = texts.find((t) => t.includes('after the turn that proposed it had ended'));
    assert.ok(note, `the next request carries the note (user texts: ${JSON.stringify(texts)})`);
    assert.match(note, /the user applied your patch to stats\.js, notes\.md, old\.txt/);
    assert.match(note, /^\+ {2}if \(values\.length === 0\) return NaN;$/m);
    assert.match(texts.at(-1) ?? '', /What did I change\?/, 'the user’s message comes after the note');
  });
});
