// The API key, typed hidden. It stays in memory until the profile is saved, then goes to SecretStorage.
import { registerSecret } from '../../../shared';
import type { FlowContext } from '../flow-context';
import type { InputValidation } from '../picker-ui';
import type { Step } from '../step-runner';

const WHERE: Record<string, string> = {
  bedrock: 'Bedrock API key (Amazon Bedrock console → API keys)',
  azure: 'Azure OpenAI key (Azure portal → your resource → Keys and Endpoint)',
  openai: 'OpenAI API key (platform.openai.com → API keys)',
};

export function validateApiKey(value: string): InputValidation | undefined {
  const v = value.trim();
  if (!v) return { message: 'Paste the key.', severity: 'error' };
  if (/\s/.test(v)) return { message: 'A key has no spaces: check what was pasted.', severity: 'error' };
  if (v.length < 16) return { message: 'This looks too short for an API key.', severity: 'warning' };
  return undefined;
}

export function apiKeyStep(ctx: FlowContext): Step {
  return async (nav) => {
    const provider = ctx.draft.provider ?? 'openai';
    const answer = await ctx.ui.input({
      id: 'apiKey',
      title: `${provider === 'bedrock' ? 'Amazon Bedrock' : provider === 'azure' ? 'Azure OpenAI' : 'OpenAI'}: API key`,
      prompt: `Your ${WHERE[provider]}. It is kept in VS Code's SecretStorage, never in settings.`,
      password: true,
      ...(ctx.draft.apiKey ? { value: ctx.draft.apiKey } : {}),
      validate: validateApiKey,
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    ctx.draft.apiKey = answer.value.trim();
    // From now on the extension's log masks it, should any message ever carry it.
    registerSecret(ctx.draft.apiKey);
    return ctx.next('apiKey');
  };
}
