// The first screen of an empty thread: what Crosswind is, which provider it will use (or a call to
// choose one), and example prompts that fill the input box.
import { shortModelName } from '../../src/shared/model-names';
import { providerName } from '../state/format';
import type { SessionStatus } from '../../src/protocol/webview';
import { codicon, h, textButton } from '../ui/dom';
import type { ViewContext } from './context';

export const EXAMPLE_PROMPTS = [
  'Explain how this project is structured and where to start reading.',
  'Find the failing tests, fix them, and show me the patch.',
  'Add input validation to the selected function, with unit tests.',
];

export function renderWelcome(status: SessionStatus | null, ctx: ViewContext): HTMLElement {
  const provider = status?.provider
    ? h(
        'p',
        { class: 'welcome-provider' },
        codicon('cloud'),
        // The provider button at the top switches it: one way to the picker, not a second one here.
        ` Using ${providerName(status.provider)}${status.model ? ` · ${shortModelName(status.model)}` : ''}${status.profile ? ` (profile ${status.profile})` : ''}.`,
      )
    : h(
        'div',
        { class: 'welcome-provider' },
        h('p', { text: 'Choose where the model runs: Amazon Bedrock, Azure OpenAI or OpenAI.' }),
        textButton('Select a provider', { icon: 'cloud', variant: 'primary', key: 'welcome:select-provider', onClick: () => ctx.send({ type: 'selectProvider' }) }),
      );
  return h(
    'section',
    { class: 'welcome', attrs: { 'aria-labelledby': 'welcome-title' } },
    h('h2', { class: 'welcome-title', attrs: { id: 'welcome-title' } }, codicon('sparkle'), ' Crosswind'),
    h('p', {
      text: 'A coding agent on the cloud you already pay for. It reads your code, plans, proposes patches you review hunk by hunk, runs commands with your approval, and shows what each turn costs.',
    }),
    provider,
    h('h3', { class: 'welcome-subtitle', text: 'Try asking' }),
    h(
      'ul',
      { class: 'example-prompts' },
      ...EXAMPLE_PROMPTS.map((prompt, i) =>
        h(
          'li',
          {},
          textButton(prompt, {
            icon: 'comment',
            class: 'example-prompt',
            key: `welcome:example-${i}`,
            label: `Use example prompt: ${prompt}`,
            onClick: () => {
              ctx.dispatch({ type: 'draftChanged', text: prompt });
              ctx.focusInput();
            },
          }),
        ),
      ),
    ),
  );
}
