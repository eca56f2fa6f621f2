// Unsaved work is sacred. A patch proposed by the model waits for review while the user keeps working;
// when it is applied it is re-matched against the files as they are now — on disk, or in an editor buffer
// that is not saved — and applied only if it still fits. A change that conflicts makes the patch stale and
// the user's text stays exactly as they left it; a change elsewhere is kept and the patch lands beside it;
// a file changed between the re-match and the write is caught by the write itself. After a restart, the
// pending patch is judged against the files as they are then.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../../../src/core/ports/workspace';
import { nodeTransactionFs, type TransactionFs } from '../../../src/host/fs-transaction';
import { FsWorkspace } from '../../../src/host/fs-workspace';
import type { PatchView, Thread } from '../../../src/protocol';
import { startCloud, type Cloud } from '../../support/engine-harness';
import { readThreadRecords, threadProblems, waitFor } from '../../support/fault-checks';
import { FaultEngine } from '../../support/fault-engine';
import { EditorBuffers } from '../../support/fault-workspace';
import { call, codexPatch, tempDirs, toolResults } from './helpers';

const ORIGINAL = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const PATCH = codexPatch(['*** Update File: notes.txt', '@@', ' line 2', '-line 3', '+line 3, edited by the agent', ' line 4']);
/** The user's edits: on the line the patch changes, and far from it. */
const CONFLICTING = ORIGINAL.replace('line 3\n', 'line 3, edited by the user\n');
const ELSEWHERE = ORIGINAL.replace('line 10\n', 'line 10, edited by the user\n');

interface Pending {
  fe: FaultEngine;
  thread: Thread;
  patchId: string;
  done: Promise<unknown>;
  answer(decision: 'accept' | 'decline'): void;
}

describe('resilience: stale patches never overwrite the user', function () {
  this.timeout(30_000);
  let cloud: Cloud;
  let dirs: ReturnType<typeof tempDirs>;
  const engines: FaultEngine[] = [];

  beforeEach(async () => {
    cloud = await startCloud('bedrock');
    dirs = tempDirs('cw-stale-');
    fs.writeFileSync(path.join(dirs.ws, 'notes.txt'), ORIGINAL);
  });
  afterEach(async () => {
    for (const e of engines.splice(0)) if (!e.crashed) await e.engine.shutdown();
    await cloud.close();
  });

  const disk = () => fs.readFileSync(path.join(dirs.ws, 'notes.txt'), 'utf8');

  /** A turn whose patch waits for the user's review (read-only policy). */
  async function proposePatch(wrap?: (disk: Workspace) => Workspace): Promise<Pending> {
    let answer!: (d: 'accept' | 'decline') => void;
    const answered = new Promise<'accept' | 'decline'>((r) => (answer = r));
    const fe = await FaultEngine.start({ clouds: [cloud], workspace: dirs.ws, state: dirs.state, approve: () => answered, ...(wrap ? { wrapWorkspace: wrap } : {}) });
    engines.push(fe);
    cloud.script([{ steps: [call('p1', 'apply_patch', { input: PATCH })] }, { steps: [{ type: 'text', text: 'Done.' }] }]);
    const thread = await fe.engine.startThread({});
    const { done } = await fe.engine.startTurn({ threadId: thread.id, text: 'Edit line 3', attachments: [] });
    await waitFor('the approval request', () => fe.approvals.length > 0 || fe.events.some((e) => e.method === 'item/started' && e.params.item.type === 'fileChange'));
    const started = fe.events.find((e) => e.method === 'item/started' && e.params.item.type === 'fileChange');
    const patchId = started?.method === 'item/started' && started.params.item.type === 'fileChange' ? started.params.item.patch.id : '';
    assert.ok(patchId);
    return { fe, thread, patchId, done, answer };
  }

  /** The user presses Apply in the sidebar; the turn then ends with what the model was told. */
  async function applyAndFinish(p: Pending): Promise<{ view: PatchView; toldModel: string }> {
    const { patch: view } = await p.fe.engine.applyPatch(p.thread.id, p.patchId);
    p.answer('accept');
    await p.done;
    return { view, toldModel: toolResults(cloud.requests[1]).get('p1')?.output ?? '' };
  }

  it('on disk: a conflicting edit makes the patch stale and the file keeps the user\'s text', async () => {
    const p = await proposePatch();
    fs.writeFileSync(path.join(dirs.ws, 'notes.txt'), CONFLICTING);
    const { view, toldModel } = await applyAndFinish(p);
    assert.equal(view.status, 'stale');
    assert.match(view.error?.message ?? '', /not applied over your changes/);
    assert.equal(disk(), CONFLICTING);
    assert.match(toldModel, /no longer applies/);
  });

  it('on disk: an edit elsewhere is kept and the patch re-matches and applies beside it', async () => {
    const p = await proposePatch();
    fs.writeFileSync(path.join(dirs.ws, 'notes.txt'), ELSEWHERE);
    const { view } = await applyAndFinish(p);
    assert.equal(view.status, 'applied');
    assert.equal(disk(), ELSEWHERE.replace('line 3\n', 'line 3, edited by the agent\n'));
  });

  it('in an unsaved editor buffer: a conflicting edit makes it stale; buffer and disk are untouched', async () => {
    let editor!: EditorBuffers;
    const p = await proposePatch((d) => (editor = new EditorBuffers(d)));
    editor.edit('notes.txt', CONFLICTING);
    const { view } = await applyAndFinish(p);
    assert.equal(view.status, 'stale');
    assert.equal(editor.buffers.get('notes.txt')?.text, CONFLICTING);
    assert.equal(disk(), ORIGINAL);
  });

  it('in an unsaved editor buffer: an edit elsewhere is kept, the patch lands in the buffer, the disk is untouched', async () => {
    let editor!: EditorBuffers;
    const p = await proposePatch((d) => (editor = new EditorBuffers(d)));
    editor.edit('notes.txt', ELSEWHERE);
    const { view } = await applyAndFinish(p);
    assert.equal(view.status, 'applied');
    assert.equal(editor.buffers.get('notes.txt')?.text, ELSEWHERE.replace('line 3\n', 'line 3, edited by the agent\n'));
    assert.equal(disk(), ORIGINAL);
  });

  it('the user saves between the re-match and the write: the write refuses, nothing is written', async () => {
    let editor!: EditorBuffers;
    const p = await proposePatch((d) => (editor = new EditorBuffers(d)));
    editor.beforeWrite = () => fs.writeFileSync(path.join(dirs.ws, 'notes.txt'), ELSEWHERE);
    const { view } = await applyAndFinish(p);
    assert.equal(view.status, 'stale');
    assert.match(view.error?.message ?? '', /changed while the patch was being applied\. Nothing was written/);
    assert.equal(disk(), ELSEWHERE);
  });

  it('the user saves while the new content is being written beside the file: the commit sees it and undoes nothing of theirs', async () => {
    let saved = false;
    const racing: TransactionFs = {
      ...nodeTransactionFs,
      writeFile: async (p, data, options) => {
        if (!saved && p.includes('.crosswind-') && p.endsWith('.tmp')) {
          saved = true;
          fs.writeFileSync(path.join(dirs.ws, 'notes.txt'), CONFLICTING);
        }
        return nodeTransactionFs.writeFile(p, data, options);
      },
    };
    const p = await proposePatch(() => new FsWorkspace(dirs.ws, { ripgrepPath: null, transactionFs: racing }));
    const { view } = await applyAndFinish(p);
    assert.ok(saved);
    assert.equal(view.status, 'stale');
    assert.equal(disk(), CONFLICTING);
    assert.deepEqual(fs.readdirSync(dirs.ws), ['notes.txt'], 'no temporary file left behind');
  });

  for (const [name, edit, expected] of [
    ['a conflicting edit: it comes back stale', CONFLICTING, 'stale'],
    ['an edit elsewhere: it comes back pending and applies beside it', ELSEWHERE, 'pending'],
  ] as const) {
    it(`after the engine dies with a patch pending and the file gets ${name}`, async () => {
      const p = await proposePatch();
      await p.fe.crash();
      fs.writeFileSync(path.join(dirs.ws, 'notes.txt'), edit);
      const fe = await FaultEngine.start({ clouds: [cloud], workspace: dirs.ws, state: dirs.state });
      engines.push(fe);
      const resumed = await fe.engine.resumeThread(p.thread.id);
      assert.equal(resumed.turns[0]?.status, 'interrupted');
      // The apply_patch call the engine died in is answered, so the conversation can go on.
      assert.deepEqual(threadProblems(await readThreadRecords(dirs.state, p.thread.id)), []);
      const item = resumed.items.find((i) => i.type === 'fileChange');
      assert.ok(item?.type === 'fileChange');
      assert.equal(item.patch.status, expected);
      if (expected === 'stale') {
        await assert.rejects(fe.engine.applyPatch(p.thread.id, p.patchId), /already stale/);
        assert.equal(disk(), edit);
      } else {
        const { patch } = await fe.engine.applyPatch(p.thread.id, p.patchId);
        assert.equal(patch.status, 'applied');
        assert.equal(disk(), edit.replace('line 3\n', 'line 3, edited by the agent\n'));
      }
    });
  }
});
