import assert from 'node:assert/strict';
import { fromPersisted, MAX_CACHED_OUTPUT, toPersisted } from '../../../media/state/persistence';
import { applyHostMessage, applyUiAction } from '../../../media/state/reducer';
import { initialViewState } from '../../../media/state/view-state';
import type { ThreadItem } from '../../../src/protocol/items';
import { agentMessage, command, status, thread, userMessage } from './fixtures';

describe('sidebar state persistence', () => {
  it('restores the thread, status, draft and chips it saved', () => {
    let s = applyHostMessage(initialViewState(), { type: 'status', status: status() });
    s = applyHostMessage(s, { type: 'thread', thread: thread({ items: [userMessage('u1', 'hi'), agentMessage('a1', 'hello', { status: 'completed' })] }) });
    s = applyHostMessage(s, { type: 'attached', attachment: { type: 'file', path: 'src/a.ts' } });
    s = applyUiAction(s, { type: 'draftChanged', text: 'half-typed' });
    const restored = fromPersisted(JSON.parse(JSON.stringify(toPersisted(s))));
    assert.deepEqual(restored.thread, s.thread);
    assert.deepEqual(restored.status, s.status);
    assert.equal(restored.draft, 'half-typed');
    assert.deepEqual(restored.attachments, s.attachments);
    assert.equal(restored.threadTrimmed, false);
  });

  it('stays within its budget: long outputs keep their tail and the oldest items go first', () => {
    const items: ThreadItem[] = Array.from({ length: 50 }, (_, i) => userMessage(`u${i}`, 'x'.repeat(1000)));
    items.push(command('c1', { output: 'head\n' + 'y'.repeat(MAX_CACHED_OUTPUT * 2) + '\nthe error at the end' }));
    const s = applyHostMessage(initialViewState(), { type: 'thread', thread: thread({ items }) });
    const saved = toPersisted(s, 30_000);
    assert.ok(JSON.stringify(saved).length <= 30_000);
    assert.equal(saved.threadTrimmed, true);
    assert.equal(saved.thread?.items.at(-1)?.id, 'c1', 'the newest items are kept');
    assert.ok(!saved.thread?.items.some((i) => i.id === 'u0'), 'the oldest are dropped');
    const c = saved.thread?.items.at(-1);
    assert.ok(c?.type === 'commandExecution' && c.output.endsWith('the error at the end') && c.output.length < MAX_CACHED_OUTPUT + 10);
  });

  it('ignores a cache it cannot trust, keeping only a draft', () => {
    assert.deepEqual(fromPersisted(undefined), initialViewState());
    const wrongVersion = fromPersisted({ v: 0, draft: 'keep me', thread: thread() });
    assert.equal(wrongVersion.draft, 'keep me');
    assert.equal(wrongVersion.thread, null);
    const broken = fromPersisted({ v: 1, draft: 'd', thread: { id: 3 }, status: 'nope', attachments: [{ type: 'weird' }] });
    assert.equal(broken.thread, null);
    assert.equal(broken.status, null);
    assert.deepEqual(broken.attachments, []);
  });
});
