// A shell command: what ran (and where), its status, exit code and duration, its output behind a
// disclosure, and — while the engine waits on the user — Approve / Approve for session / Decline.
import type { ItemOf } from '../../../src/protocol/items';
import { formatCommand, formatDuration } from '../../state/format';
import type { PendingApproval } from '../../state/view-state';
import { codicon, h, spinner, textButton } from '../../ui/dom';
import type { ViewContext } from '../context';

type CommandItem = ItemOf<'commandExecution'>;

/** Output shown in the card (its tail); the engine already bounds what it keeps. */
export const MAX_SHOWN_OUTPUT = 20_000;

export function renderCommandCard(item: CommandItem, approval: PendingApproval | undefined, ctx: ViewContext): HTMLElement {
  const command = formatCommand(item.command);
  const status = commandStatus(item);
  const card = h(
    'article',
    {
      class: `item card command-card command-${status.tone}`,
      attrs: { 'aria-label': `Command ${command}: ${status.text}`, 'aria-busy': item.status === 'inProgress' ? 'true' : undefined },
    },
    h(
      'div',
      { class: 'card-header' },
      codicon('terminal'),
      h('code', { class: 'command-text', text: command, attrs: { title: command } }),
    ),
    h(
      'div',
      { class: 'card-meta' },
      h('span', { class: `status-label tone-${status.tone}` }, status.icon, ` ${status.text}`),
      item.durationMs !== undefined ? h('span', { class: 'muted', text: formatDuration(item.durationMs) }) : null,
      item.workdir ? h('span', { class: 'muted', text: `in ${item.workdir}` }) : null,
      item.approval ? h('span', { class: 'muted', text: approvalText(item.approval) }) : null,
    ),
  );
  if (item.status === 'awaitingApproval' && approval) card.append(approvalButtons(item, approval, ctx));
  if (item.output) card.append(outputDisclosure(item, ctx));
  return card;
}

interface Status {
  text: string;
  tone: 'running' | 'ok' | 'error' | 'warning' | 'neutral';
  icon: HTMLElement;
}

function commandStatus(item: CommandItem): Status {
  const exit = item.exitCode === null || item.exitCode === undefined ? '' : `exit code ${item.exitCode}`;
  const timedOut = item.timedOut ? 'timed out' : '';
  const join = (...parts: string[]) => parts.filter(Boolean).join(', ');
  switch (item.status) {
    case 'awaitingApproval':
      return { text: 'Waiting for approval', tone: 'warning', icon: codicon('shield') };
    case 'inProgress':
      return { text: 'Running', tone: 'running', icon: spinner() };
    case 'completed':
      return item.exitCode === 0 || item.exitCode === null || item.exitCode === undefined
        ? { text: join(exit || 'Done', timedOut), tone: 'ok', icon: codicon('pass') }
        : { text: join(exit, timedOut), tone: 'error', icon: codicon('error') };
    case 'failed':
      return { text: join('Failed', exit, timedOut), tone: 'error', icon: codicon('error') };
    case 'declined':
      return { text: 'Declined', tone: 'neutral', icon: codicon('circle-slash') };
    case 'interrupted':
      return { text: join('Interrupted', timedOut), tone: 'warning', icon: codicon('debug-stop') };
  }
}

function approvalText(approval: NonNullable<CommandItem['approval']>): string {
  const who = approval.by === 'policy' ? 'by policy' : 'by you';
  switch (approval.decision) {
    case 'accept':
      return `approved ${who}`;
    case 'acceptForSession':
      return `approved for this session ${who}`;
    case 'decline':
      return `declined ${who}`;
    case 'cancel':
      return 'cancelled';
  }
}

function approvalButtons(item: CommandItem, approval: PendingApproval, ctx: ViewContext): HTMLElement {
  const decide = (decision: 'accept' | 'acceptForSession' | 'decline') => () =>
    ctx.send('answerApproval', { requestId: approval.requestId, decision });
  return h(
    'div',
    { class: 'card-actions', attrs: { role: 'group', 'aria-label': 'Approve this command?' } },
    textButton('Approve', { icon: 'check', variant: 'primary', key: `${item.id}:approve`, onClick: decide('accept') }),
    textButton('Approve for session', {
      key: `${item.id}:approve-session`,
      onClick: decide('acceptForSession'),
      title: 'Run it, and do not ask again for this command in this session',
    }),
    textButton('Decline', { icon: 'close', key: `${item.id}:decline`, onClick: decide('decline') }),
  );
}

function outputDisclosure(item: CommandItem, ctx: ViewContext): HTMLElement {
  const lines = item.output.split('\n').length;
  const shown = item.output.length > MAX_SHOWN_OUTPUT ? `…\n${item.output.slice(-MAX_SHOWN_OUTPUT)}` : item.output;
  return ctx.memory.disclosure(
    `${item.id}:output`,
    false,
    [codicon('output'), h('span', { text: ` Output (${lines} ${lines === 1 ? 'line' : 'lines'})` })],
    () => h('pre', { class: 'command-output', attrs: { tabindex: 0, 'aria-label': 'Command output' }, text: shown }),
    'command-output-details',
  );
}
