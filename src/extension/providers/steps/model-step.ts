// The model, listed from the cloud by the engine with the draft profile (nothing is saved yet). When the
// listing fails the step says why, offers the fix the engine suggests (run in a terminal), a retry, and
// typing a model id by hand.
import type { ErrorInfo, ModelInfo } from '../../../protocol';
import { errorInfoOf } from '../../../shared/engine-error';
import type { FlowContext } from '../flow-context';
import type { PickOption } from '../picker-ui';
import { draftToProfile } from '../profile-draft';
import type { Step } from '../step-runner';

/** The id to save: a Bedrock model that runs only through an inference profile is saved as that profile. */
export function modelIdToSave(m: ModelInfo): string {
  return m.inferenceProfile ?? m.id;
}

type Listing = { ok: true; models: ModelInfo[] } | { ok: false; error: ErrorInfo };

async function listModels(ctx: FlowContext): Promise<Listing> {
  try {
    const secretId = await ctx.draftSecretId();
    const { models } = await ctx.engine.request('provider/models', { draft: draftToProfile({ ...ctx.draft, name: ctx.draft.name ?? 'new profile' }, secretId) });
    return { ok: true, models };
  } catch (e) {
    return { ok: false, error: errorInfoOf(e) };
  }
}

/** The whole error, as a dialog shows it. */
export function errorText(e: ErrorInfo): string {
  return [e.message, e.fix ? `Fix: ${e.fix}` : undefined, e.fixCommand ? `Command: ${e.fixCommand}` : undefined].filter(Boolean).join('\n\n');
}

function optionsFor(listing: Listing): PickOption[] {
  const manual: PickOption = { id: 'custom', label: '$(edit) Enter a model id…', separatorBefore: '' };
  if (!listing.ok) {
    const e = listing.error;
    // A quick pick shows one line per row and cuts it: the reason gets its own row, and the whole of it
    // (with the fix) is one click away.
    return [
      { id: 'error', label: '$(warning) Could not list the models', detail: e.message },
      { id: 'details', label: '$(output) Show the whole error', ...(e.fix ? { detail: e.fix } : {}) },
      ...(e.fixCommand ? [{ id: 'fix', label: `$(terminal) Run \`${e.fixCommand}\` in a terminal`, detail: 'Then choose Retry' }] : []),
      { id: 'retry', label: '$(refresh) Retry' },
      manual,
    ];
  }
  return [
    ...listing.models.map(
      (m): PickOption => ({
        id: `model:${modelIdToSave(m)}`,
        label: m.name && m.name !== m.id ? m.name : m.id,
        description: [m.vendor, m.id !== m.name ? m.id : undefined, m.inferenceProfile && m.inferenceProfile !== m.id ? `via ${m.inferenceProfile}` : undefined].filter(Boolean).join(' · '),
        ...(m.supportsTools === false ? { detail: 'This model does not call tools: it can chat but not edit files.' } : {}),
      }),
    ),
    manual,
  ];
}

export function modelStep(ctx: FlowContext): Step {
  return async (nav) => {
    for (;;) {
      const listing = ctx.ui.progress('Crosswind: listing the models…', () => listModels(ctx));
      const azure = ctx.draft.provider === 'azure';
      const answer = await ctx.ui.pick({
        id: 'model',
        title: azure ? `Azure OpenAI: which model does ${ctx.draft.deployment ?? 'the deployment'} run?` : 'Model',
        placeholder: azure ? 'The model behind the deployment sets prices and reasoning options' : 'Choose the model Crosswind should use',
        options: listing.then(optionsFor),
        ...(ctx.draft.model ? { activeId: `model:${ctx.draft.model}` } : {}),
        step: nav.step,
        totalSteps: ctx.totalSteps(),
        canGoBack: nav.canGoBack,
      });
      if (!answer) return 'cancel';
      if (answer.kind === 'back') return 'back';
      if (answer.id === 'retry' || answer.id === 'error') continue;
      if (answer.id === 'fix') {
        const l = await listing;
        if (!l.ok && l.error.fixCommand) ctx.runFix(l.error.fixCommand);
        continue;
      }
      if (answer.id === 'details') {
        const l = await listing;
        if (!l.ok) await ctx.ui.notify('error', 'Crosswind could not list the models', [], { detail: errorText(l.error) });
        continue;
      }
      if (answer.id === 'custom') return customModelStep(ctx);
      ctx.draft.model = answer.id.slice('model:'.length);
      return ctx.next('model');
    }
  };
}

function customModelStep(ctx: FlowContext): Step {
  return async (nav) => {
    const answer = await ctx.ui.input({
      id: 'modelId',
      title: 'Model id',
      prompt: ctx.draft.provider === 'bedrock' ? 'A Bedrock model id, inference profile id or ARN' : 'The model id',
      placeholder: ctx.draft.provider === 'bedrock' ? 'e.g. us.anthropic.claude-sonnet-4-5-20250929-v1:0' : 'e.g. gpt-5',
      ...(ctx.draft.model ? { value: ctx.draft.model } : {}),
      validate: (v) => (v.trim() ? undefined : { message: 'Type a model id.', severity: 'error' }),
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    ctx.draft.model = answer.value.trim();
    return ctx.next('model');
  };
}
