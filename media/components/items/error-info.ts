// An error as the user can act on it: the message, the concrete fix, and a Run button for a fix command
// (run in a terminal by the host). Used for error items and for the banner of host/engine errors.
import type { ErrorInfo } from '../../../src/protocol/common';
import { codicon, h, iconButton, textButton } from '../../ui/dom';
import type { ViewContext } from '../context';

export function renderErrorInfo(error: ErrorInfo, ctx: ViewContext, key: string, onDismiss?: () => void): HTMLElement {
  const fixCommand = error.fixCommand;
  return h(
    'div',
    { class: `error-box kind-${error.kind}` },
    codicon('error', 'status-error'),
    h(
      'div',
      { class: 'error-body' },
      h('div', { class: 'error-message', text: error.message }),
      error.fix ? h('div', { class: 'error-fix', text: error.fix }) : null,
      fixCommand
        ? h(
            'div',
            { class: 'error-fix-command' },
            h('code', { text: fixCommand }),
            textButton('Run', {
              icon: 'play',
              key: `${key}:run`,
              label: `Run ${fixCommand} in a terminal`,
              onClick: () => ctx.send('runFix', { command: fixCommand }),
            }),
          )
        : null,
    ),
    onDismiss ? iconButton('close', 'Dismiss error', { key: `${key}:dismiss`, onClick: onDismiss, class: 'error-dismiss' }) : null,
  );
}

export function renderErrorItem(error: ErrorInfo, itemId: string, ctx: ViewContext): HTMLElement {
  return h('article', { class: 'item error-item', attrs: { role: 'alert' } }, renderErrorInfo(error, ctx, itemId));
}
