// The Cloud Tasks list, under the header: each task started with "Run in the cloud" — its status
// (running, completed, failed, cancelled), how long it ran, its model cost so far, and what became of its
// patch (to review, no changes, refused, not verified). Cancel stops a running task; Open shows its
// thread, where its events and, once it has ended, its patch card are (and reviews its result again
// after a refusal). Hidden while there is none.
import type { CloudTaskView } from '../../src/protocol/cloud-task';
import { formatDuration } from '../state/format';
import type { ViewState } from '../state/view-state';
import { codicon, h, iconButton, spinner } from '../ui/dom';
import type { ViewContext } from './context';

const STATUS: Record<CloudTaskView['status'], { icon: string; text: string; tone: string }> = {
  running: { icon: '', text: 'running', tone: 'running' },
  completed: { icon: 'pass', text: 'finished', tone: 'ok' },
  failed: { icon: 'error', text: 'failed', tone: 'error' },
  cancelled: { icon: 'circle-slash', text: 'cancelled', tone: 'muted' },
};

function reviewText(task: CloudTaskView): string | undefined {
  switch (task.review.state) {
    case 'proposed':
      return task.review.merged ? 'patch merged with your changes: review it' : 'patch to review';
    case 'noChanges':
      return 'no changes';
    case 'refused':
      return 'patch refused: your files changed';
    case 'unverified':
      return 'patch not shown: audit log did not verify';
    case 'waiting':
      return undefined;
  }
}

function usd(value: number | null): string {
  if (value === null) return 'cost unknown';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

export class CloudTasksList {
  readonly element: HTMLElement;
  private shown: { tasks: CloudTaskView[]; threadId: string | undefined } | undefined;

  constructor(private readonly ctx: ViewContext) {
    this.element = h('section', { class: 'cloud-tasks', attrs: { 'aria-label': 'Cloud tasks' } });
    this.element.hidden = true;
  }

  update(state: ViewState): void {
    const threadId = state.thread?.id;
    if (this.shown && this.shown.tasks === state.cloudTasks && this.shown.threadId === threadId) return;
    this.shown = { tasks: state.cloudTasks, threadId };
    this.element.hidden = state.cloudTasks.length === 0;
    this.element.replaceChildren(
      h('h2', { class: 'cloud-tasks-title muted' }, codicon('cloud'), ' Cloud tasks'),
      h('ul', { class: 'cloud-task-list', attrs: { role: 'list' } }, ...state.cloudTasks.map((t) => this.row(t, t.threadId === threadId))),
    );
  }

  private row(task: CloudTaskView, current: boolean): HTMLElement {
    const s = STATUS[task.status];
    const elapsed = formatDuration(Math.max(0, (task.finishedAt ?? Date.now()) - task.createdAt));
    const review = reviewText(task);
    const detail = [s.text, elapsed, usd(task.costUsd), review].filter(Boolean).join(' · ');
    return h(
      'li',
      {
        class: `cloud-task tone-${s.tone}${current ? ' current' : ''}`,
        attrs: { 'data-task': task.taskId, 'data-status': task.status, 'data-review': task.review.state, title: task.error?.message ?? task.title },
      },
      task.status === 'running' ? spinner() : codicon(s.icon),
      h('span', { class: 'cloud-task-title', text: ` ${task.title}` }),
      h('span', { class: 'cloud-task-detail muted', text: detail }),
      task.status === 'running'
        ? iconButton('debug-stop', `Cancel cloud task: ${task.title}`, { class: 'cloud-task-cancel', key: `cloud-cancel-${task.taskId}`, onClick: () => this.ctx.send('cloudTask/cancel', { taskId: task.taskId }) })
        : null,
      iconButton('go-to-file', `Open cloud task: ${task.title}`, { class: 'cloud-task-open', key: `cloud-open-${task.taskId}`, onClick: () => this.open(task) }),
    );
  }

  /**
   * Its thread; for a finished task with its patch reviewed (fetched again if it was not proposed), and for
   * one not followed since the editor restarted, its status fetched.
   */
  private open(task: CloudTaskView): void {
    this.ctx.send('cloudTask/review', { taskId: task.taskId });
  }
}
