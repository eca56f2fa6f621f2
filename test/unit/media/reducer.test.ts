import assert from 'node:assert/strict';
import { applyHostMessage, applyUiAction } from '../../../media/state/reducer';
import { activeTurn, canSend, initialViewState, type ViewState } from '../../../media/state/view-state';
import type { HostToWebview } from '../../../src/protocol/webview';
import {
  agentMessage, command, delta, engineEvent, itemEvent, planUpdated, reasoning, status, summary, thread, turn, turnCompleted,
  turnStarted, userMessage, THREAD_ID, TURN_ID,
} from './fixtures';

function run(messages: HostToWebview[], from: ViewState = initialViewState()): ViewState {
  return messages.reduce(applyHostMessage, from);
}

const withThread = (t = thread()) => run([{ type: 'thread', thread: t }]);

describe('sidebar reducer', () => {
  it('accumulates streamed deltas into the agent message, then takes the completed item as the truth', () => {
    let s = run([turnStarted(), itemEvent('item/started', agentMessage('a1', ''))], withThread());
    s = run([delta('a1', 'Hel'), delta('a1', 'lo, '), delta('a1', '**world**')], s);
    const streamed = s.thread?.items[0];
    assert.equal(streamed?.type === 'agentMessage' && streamed.text, 'Hello, **world**');
    s = run([itemEvent('item/completed', agentMessage('a1', 'Hello, world!', { status: 'completed' }))], s);
    assert.equal(s.thread?.items.length, 1);
    assert.deepEqual(s.thread?.items[0], agentMessage('a1', 'Hello, world!', { status: 'completed' }));
  });

  it('appends reasoning deltas to the summary, and starts an item for a delta whose item/started it never saw', () => {
    let s = run([itemEvent('item/started', reasoning('r1', 'Look', { status: 'inProgress' })), delta('r1', 'ing at the parser', 'reasoning')], withThread());
    const r = s.thread?.items[0];
    assert.equal(r?.type === 'reasoning' && r.summary, 'Looking at the parser');
    s = run([delta('a9', 'orphan text')], s);
    const orphan = s.thread?.items[1];
    assert.equal(orphan?.type, 'agentMessage');
    assert.equal(orphan?.type === 'agentMessage' && orphan.text, 'orphan text');
  });

  it('replaces items by id in place and appends new ones in arrival order', () => {
    let s = run([itemEvent('item/started', userMessage('u1', 'hi')), itemEvent('item/started', command('c1', { status: 'inProgress' }))], withThread());
    s = run([itemEvent('item/started', agentMessage('a1', 'x')), itemEvent('item/completed', command('c1', { status: 'completed', exitCode: 2, output: 'boom' }))], s);
    assert.deepEqual(s.thread?.items.map((i) => i.id), ['u1', 'c1', 'a1']);
    const c = s.thread?.items[1];
    assert.equal(c?.type === 'commandExecution' && c.exitCode, 2);
  });

  it('ignores events for a thread other than the one shown, except history updates', () => {
    const before = run([turnStarted()], withThread());
    const other = 'thread-2';
    const after = run(
      [
        itemEvent('item/started', agentMessage('x1', 'elsewhere'), other),
        delta('a1', 'elsewhere', 'agentMessage', other),
        turnStarted(turn({ id: 'turn-9', threadId: other })),
        planUpdated([{ step: 'other', status: 'pending' }], other),
        engineEvent({ method: 'thread/updated', params: { thread: summary({ id: other, title: 'Other work', updatedAt: 2e12 }) } }),
      ],
      before,
    );
    assert.equal(after.thread, before.thread, 'the shown thread is untouched');
    assert.equal(after.plan, null);
    assert.deepEqual(after.threads.map((t) => t.title), ['Other work']);
  });

  it('applies thread/updated to the shown thread and keeps the history list newest first', () => {
    let s = run([{ type: 'threads', threads: [summary({ id: 'old', updatedAt: 1 }), summary({ id: 'new', updatedAt: 5 })] }], withThread());
    assert.deepEqual(s.threads.map((t) => t.id), ['new', 'old']);
    s = run([engineEvent({ method: 'thread/updated', params: { thread: summary({ title: 'Renamed', updatedAt: 9 }) } })], s);
    assert.equal(s.thread?.title, 'Renamed');
    assert.deepEqual(s.threads.map((t) => t.id), [THREAD_ID, 'new', 'old']);
  });

  it('tracks the running turn: Stop shows from turn/started until turn/completed, which also updates usage and cost', () => {
    let s = run([turnStarted()], withThread());
    assert.equal(activeTurn(s)?.id, TURN_ID);
    s = run([itemEvent('item/started', agentMessage('a1', 'partial')), { type: 'approvalPending', requestId: 'r1', itemId: 'a1' }], s);
    s = run([turnCompleted(turn({ status: 'interrupted', usage: { inputTokens: 10, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 } }))], s);
    assert.equal(activeTurn(s), undefined);
    assert.equal(s.thread?.usage.inputTokens, 3000);
    assert.equal(s.thread?.cost.usd, 0.02);
    assert.equal(s.dayCost?.usd, 1.25);
    const a = s.thread?.items[0];
    assert.equal(a?.type === 'agentMessage' && a.status, 'interrupted', 'nothing keeps spinning after its turn ended');
    assert.deepEqual(s.approvals, {}, 'approvals of the finished turn are gone');
  });

  it('keeps the live plan from turn/plan/updated and from a loaded thread', () => {
    let s = run([turnStarted(), planUpdated([{ step: 'Read', status: 'completed' }, { step: 'Fix', status: 'in_progress' }])], withThread());
    assert.deepEqual(s.plan?.steps.map((p) => p.status), ['completed', 'in_progress']);
    s = run([planUpdated([{ step: 'Read', status: 'completed' }, { step: 'Fix', status: 'completed' }])], s);
    assert.equal(s.plan?.steps[1]?.status, 'completed');

    const loaded = withThread(
      thread({
        turns: [turn({ status: 'completed' })],
        items: [{ id: 'p1', turnId: TURN_ID, createdAt: 0, type: 'plan', steps: [{ step: 'Only step', status: 'pending' }] }],
      }),
    );
    assert.equal(loaded.plan?.steps[0]?.step, 'Only step');
  });

  it('shows approvals while pending and forgets them once settled', () => {
    let s = run([{ type: 'approvalPending', requestId: 'req-1', itemId: 'c1' }], withThread());
    assert.deepEqual(s.approvals.c1, { requestId: 'req-1' });
    s = run([{ type: 'approvalSettled', requestId: 'req-1' }], s);
    assert.deepEqual(s.approvals, {});
  });

  it('adds attachment chips without duplicates, removes one for good, and clears them with the draft once sent', () => {
    const file = { type: 'file' as const, path: 'src/a.ts' };
    const sel = { type: 'selection' as const, path: 'src/a.ts', startLine: 1, endLine: 4, text: 'x' };
    let s = run([{ type: 'attached', attachment: file }, { type: 'attached', attachment: sel }, { type: 'attached', attachment: file }]);
    assert.deepEqual(s.attachments, [file, sel]);
    s = applyUiAction(s, { type: 'attachmentRemoved', index: 0 });
    assert.deepEqual(s.attachments, [sel]);
    // The next chip the host makes adds to what is shown: a removed one does not come back.
    s = run([{ type: 'attached', attachment: { type: 'file', path: 'src/b.ts' } }], s);
    assert.deepEqual(s.attachments, [sel, { type: 'file', path: 'src/b.ts' }]);
    s = applyUiAction(s, { type: 'draftChanged', text: 'Refactor this' });
    assert.equal(canSend(s), true);
    s = applyUiAction(s, { type: 'messageSent' });
    assert.equal(s.draft, '');
    assert.deepEqual(s.attachments, []);
  });

  it('ties a mention\'s chip to its @name: deleting the name removes the chip, a removed chip forgets its name', () => {
    const file = { type: 'file' as const, path: 'src/app.ts' };
    let s = applyUiAction(initialViewState(), { type: 'draftChanged', text: 'Fix @app.ts ' });
    s = run([{ type: 'attached', attachment: file, token: '@app.ts' }], s);
    assert.deepEqual(s.mentionTokens, { 'file:src/app.ts': '@app.ts' });
    s = applyUiAction(s, { type: 'draftChanged', text: 'Fix @app.ts and more' });
    assert.deepEqual(s.attachments, [file], 'still named');
    s = applyUiAction(s, { type: 'draftChanged', text: 'Fix @app and more' });
    assert.deepEqual([s.attachments, s.mentionTokens], [[], {}]);
    // A token the draft no longer holds when the attachment arrives ties nothing.
    s = run([{ type: 'attached', attachment: file, token: '@gone' }], s);
    assert.deepEqual([s.attachments, s.mentionTokens], [[file], {}]);
    s = applyUiAction(s, { type: 'draftChanged', text: '' });
    assert.deepEqual(s.attachments, [file], 'a chip not tied to a name stays');
  });

  it('cannot send an empty draft or while a turn runs', () => {
    let s = applyUiAction(withThread(), { type: 'draftChanged', text: '   ' });
    assert.equal(canSend(s), false);
    s = applyUiAction(run([turnStarted()], s), { type: 'draftChanged', text: 'next' });
    assert.equal(canSend(s), false);
  });

  it('keeps the last five banner errors and dismisses one', () => {
    let s = initialViewState();
    for (let i = 0; i < 7; i++) s = applyHostMessage(s, { type: 'error', error: { kind: 'internal', message: `e${i}` } });
    s = run([engineEvent({ method: 'engine/error', params: { error: { kind: 'configuration', message: 'bad settings' } } })], s);
    assert.deepEqual(s.errors.map((e) => e.message), ['e3', 'e4', 'e5', 'e6', 'bad settings']);
    s = applyUiAction(s, { type: 'errorDismissed', index: 4 });
    assert.equal(s.errors.length, 4);
  });

  it('takes a new status and a new thread whole, closing the history list', () => {
    let s = applyUiAction(withThread(), { type: 'historyToggled', open: true });
    s = run([{ type: 'status', status: status({ trusted: false }) }, { type: 'thread', thread: thread({ id: 'thread-2' }) }], s);
    assert.equal(s.status?.trusted, false);
    assert.equal(s.thread?.id, 'thread-2');
    assert.equal(s.historyOpen, false);
  });
});
