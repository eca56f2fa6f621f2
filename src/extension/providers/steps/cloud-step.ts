// Step 1: which cloud.
import type { FlowContext } from '../flow-context';
import type { ProfileDraft } from '../profile-draft';
import type { Step } from '../step-runner';

const CLOUDS = [
  { id: 'bedrock', label: '$(cloud) Amazon Bedrock', detail: 'AWS credentials (profile, SSO, environment, role) or a Bedrock API key' },
  { id: 'azure', label: '$(azure) Azure OpenAI / AI Foundry', detail: 'Microsoft sign-in, DefaultAzureCredential or an API key' },
  { id: 'openai', label: '$(sparkle) OpenAI', detail: 'An OpenAI API key; a compatible gateway by base URL' },
] as const;

export function cloudStep(ctx: FlowContext): Step {
  return async (nav) => {
    const answer = await ctx.ui.pick({
      id: 'cloud',
      title: 'Crosswind: Add a Provider',
      placeholder: 'Which cloud should Crosswind use?',
      options: CLOUDS.map((c) => ({ ...c })),
      ...(ctx.draft.provider ? { activeId: ctx.draft.provider } : {}),
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    const provider = answer.id as NonNullable<ProfileDraft['provider']>;
    if (provider !== ctx.draft.provider) {
      // A different cloud: nothing chosen for the previous one still applies.
      for (const key of Object.keys(ctx.draft) as (keyof ProfileDraft)[]) delete ctx.draft[key];
      ctx.draft.provider = provider;
    }
    return ctx.next('cloud');
  };
}
