// The last steps: the profile's name (unique; reusing one replaces that profile) and where to save it —
// user settings (every workspace) or this workspace's settings.
import type { FlowContext } from '../flow-context';
import type { InputValidation } from '../picker-ui';
import { suggestedName } from '../profile-draft';
import type { Step } from '../step-runner';

export function validateProfileName(value: string, taken: readonly string[]): InputValidation | undefined {
  const v = value.trim();
  if (!v) return { message: 'Give the profile a name, e.g. bedrock-us or azure-prod.', severity: 'error' };
  if (v.length > 80) return { message: 'At most 80 characters.', severity: 'error' };
  if (taken.includes(v)) return { message: `A profile named ${v} exists: saving replaces it.`, severity: 'warning' };
  return undefined;
}

export function nameStep(ctx: FlowContext): Step {
  return async (nav) => {
    const answer = await ctx.ui.input({
      id: 'name',
      title: 'Profile name',
      prompt: 'A name for this provider profile (shown in the status bar and the cost report)',
      value: ctx.draft.name ?? suggestedName(ctx.draft, ctx.savedNames),
      validate: (v) => validateProfileName(v, ctx.savedNames),
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    ctx.draft.name = answer.value.trim();
    return ctx.next('name');
  };
}

export function scopeStep(ctx: FlowContext): Step {
  return async (nav) => {
    const answer = await ctx.ui.pick({
      id: 'scope',
      title: 'Save the profile in',
      placeholder: 'Where should this profile be saved? (The key goes to SecretStorage either way.)',
      options: [
        { id: 'user', label: '$(account) User settings', detail: 'Available in every workspace on this machine' },
        { id: 'workspace', label: '$(folder) Workspace settings', detail: 'Only in this workspace (.vscode/settings.json); ignored in Restricted Mode' },
      ],
      activeId: ctx.draft.scope ?? 'user',
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    ctx.draft.scope = answer.id === 'workspace' ? 'workspace' : 'user';
    return ctx.next('scope');
  };
}
