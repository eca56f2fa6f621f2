// Cloud tasks in the sidebar: "Run in the cloud" beside Send — disabled, its tooltip saying why, when no
// runtime is configured (or in Restricted Mode, or with context attached); when it can, it sends the
// draft as cloudTask/start. The Cloud Tasks list shows each task's status, elapsed time, cost so far and
// what became of its patch, follows cloudTask/updated, cancels a running task and opens a finished one.
import assert from 'node:assert/strict';
import type { CloudTaskView } from '../../../src/protocol/cloud-task';
import type { HostToWebview } from '../../../src/protocol/webview';
import { eventually } from '../../support/webview-harness';
import { status, thread } from '../../unit/media/fixtures';
import { postAll } from './scenes';
import { useWebview } from './setup';

const NOT_CONFIGURED = 'No cloud runtime is configured: set crosswind.cloud.runtimeArn (crosswind cloud deploy prints it).';
/** When the tasks below were started: 90 s before each test (the list shows elapsed time from it). */
let T0 = 0;

function task(overrides: Partial<CloudTaskView> = {}): CloudTaskView {
  return { taskId: 'task-0123456789abcdef01234567', threadId: 'thr-cloud-1', title: 'Export a sum alias', status: 'running', createdAt: T0, costUsd: 0.0042, review: { state: 'waiting' }, ...overrides };
}

function updated(t: CloudTaskView): HostToWebview {
  return { type: 'engineEvent', event: { method: 'cloudTask/updated', params: { task: t } } };
}

describe('webview: cloud tasks', () => {
  const w = useWebview();
  beforeEach(() => {
    T0 = Date.now() - 90_000;
  });

  it('Run in the cloud is disabled with the reason when no runtime is configured, and sends the draft when one is', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status({ cloudUnavailable: NOT_CONFIGURED }) }, { type: 'thread', thread: thread() }]);
    const cloud = page.getByRole('button', { name: 'Run in the cloud' });
    const box = page.getByRole('textbox');
    await box.fill('Export a sum alias');
    await eventually(async () => assert.equal(await cloud.isDisabled(), true));
    assert.equal(await cloud.getAttribute('title'), `Run in the cloud — unavailable: ${NOT_CONFIGURED}`);
    assert.equal(await page.getByRole('button', { name: 'Send message' }).isEnabled(), true, 'Send still works locally');

    await w.view.post({ type: 'status', status: status({ cloudUnavailable: 'Restricted Mode: trust the workspace to run cloud tasks.' }) });
    await eventually(async () => assert.match((await cloud.getAttribute('title')) ?? '', /unavailable: Restricted Mode/));

    await w.view.post({ type: 'status', status: status() });
    await eventually(async () => assert.equal(await cloud.isEnabled(), true));
    assert.match((await cloud.getAttribute('title')) ?? '', /^Run in the cloud: send this task to your AgentCore runtime/);
    await w.view.clearPosted();
    await cloud.click();
    const sent = await w.view.waitForPosted((m) => m.method === 'cloudTask/start');
    assert.deepEqual(sent, { method: 'cloudTask/start', params: { text: 'Export a sum alias' } });
    await eventually(async () => assert.equal(await box.inputValue(), '', 'the draft went with it'));
    await eventually(async () => assert.equal(await cloud.isDisabled(), true));
    assert.match((await cloud.getAttribute('title')) ?? '', /unavailable: Type the task first/);
  });

  it('lists tasks with status, elapsed time, cost and patch state, follows updates, cancels a running one and opens a finished one', async () => {
    const { page } = w.view;
    await postAll(w.view, [{ type: 'status', status: status() }, { type: 'thread', thread: thread() }]);
    const list = page.getByRole('region', { name: 'Cloud tasks' });
    assert.equal(await list.isVisible(), false, 'no list without tasks');

    const failed = task({ taskId: 'task-failed00000000000000000', threadId: 'thr-cloud-0', title: 'Upgrade the parser', createdAt: T0 - 600_000, finishedAt: T0 - 540_000, status: 'failed', costUsd: 0.31, error: { message: 'the budget was reached' } });
    await w.view.post({ type: 'cloudTasks', tasks: [failed, task()] });
    await list.waitFor();
    const rows = list.getByRole('listitem');
    assert.equal(await rows.count(), 2);
    const running = list.locator('[data-task="task-0123456789abcdef01234567"]');
    assert.equal(await rows.first().getAttribute('data-task'), 'task-0123456789abcdef01234567', 'newest first');
    assert.match((await running.textContent()) ?? '', /Export a sum alias\s*running · 1 min 3\d s · \$0\.0042/);
    const failedRow = list.locator('[data-task="task-failed00000000000000000"]');
    assert.match((await failedRow.textContent()) ?? '', /Upgrade the parser\s*failed · 1 min 0 s · \$0\.31/);
    assert.equal(await failedRow.getAttribute('title'), 'the budget was reached');
    assert.equal(await failedRow.getByRole('button', { name: /^Cancel/ }).count(), 0, 'a finished task cannot be cancelled');

    await w.view.clearPosted();
    await running.getByRole('button', { name: 'Cancel cloud task: Export a sum alias' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'cloudTask/cancel'), { method: 'cloudTask/cancel', params: { taskId: 'task-0123456789abcdef01234567' } });
    await running.getByRole('button', { name: 'Open cloud task: Export a sum alias' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'cloudTask/review'), { method: 'cloudTask/review', params: { taskId: 'task-0123456789abcdef01234567' } });

    // It finished with a patch to review: the row says so, and Open asks for the review.
    await w.view.post(updated(task({ status: 'completed', finishedAt: T0 + 125_000, costUsd: 0.0213, review: { state: 'proposed', patchId: 'patch-1', merged: false } })));
    await eventually(async () => assert.match((await running.textContent()) ?? '', /finished · 2 min 5 s · \$0\.02 · patch to review/));
    assert.equal(await running.getAttribute('data-status'), 'completed');
    assert.equal(await running.getByRole('button', { name: /^Cancel/ }).count(), 0);
    await w.view.clearPosted();
    await running.getByRole('button', { name: 'Open cloud task: Export a sum alias' }).click();
    assert.deepEqual(await w.view.waitForPosted((m) => m.method === 'cloudTask/review'), { method: 'cloudTask/review', params: { taskId: 'task-0123456789abcdef01234567' } });

    // A refusal and an unverified log say so in the row.
    await w.view.post(updated(task({ status: 'completed', finishedAt: T0 + 125_000, review: { state: 'refused', message: 'changed', changed: ['math.js'] } })));
    await eventually(async () => assert.match((await running.textContent()) ?? '', /patch refused: your files changed/));
    await w.view.post(updated(failed));
    await w.view.post(updated({ ...failed, review: { state: 'unverified', message: 'the audit log does not verify' } }));
    await eventually(async () => assert.match((await failedRow.textContent()) ?? '', /patch not shown: audit log did not verify/));
  });
});
