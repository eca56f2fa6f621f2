// Bedrock: the region (the AWS profile's region or AWS_REGION first), or any other region typed in; then
// the optional VPC endpoint.
import type { FlowContext } from '../flow-context';
import type { InputValidation } from '../picker-ui';
import type { Step } from '../step-runner';
import { bedrockEndpointStep } from './endpoint-steps';

/** Regions where Amazon Bedrock runs models (the control plane lists what each one offers). */
export const BEDROCK_REGIONS: readonly [string, string][] = [
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-east-2', 'US East (Ohio)'],
  ['us-west-2', 'US West (Oregon)'],
  ['us-gov-west-1', 'AWS GovCloud (US-West)'],
  ['ca-central-1', 'Canada (Central)'],
  ['sa-east-1', 'South America (São Paulo)'],
  ['eu-central-1', 'Europe (Frankfurt)'],
  ['eu-central-2', 'Europe (Zurich)'],
  ['eu-west-1', 'Europe (Ireland)'],
  ['eu-west-2', 'Europe (London)'],
  ['eu-west-3', 'Europe (Paris)'],
  ['eu-north-1', 'Europe (Stockholm)'],
  ['eu-south-1', 'Europe (Milan)'],
  ['eu-south-2', 'Europe (Spain)'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)'],
  ['ap-northeast-2', 'Asia Pacific (Seoul)'],
  ['ap-northeast-3', 'Asia Pacific (Osaka)'],
  ['ap-south-1', 'Asia Pacific (Mumbai)'],
  ['ap-south-2', 'Asia Pacific (Hyderabad)'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)'],
  ['ap-southeast-2', 'Asia Pacific (Sydney)'],
];

export function validateRegion(value: string): InputValidation | undefined {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value.trim()) ? undefined : { message: 'An AWS region looks like us-east-1 or eu-central-2.', severity: 'error' };
}

export function regionStep(ctx: FlowContext): Step {
  return async (nav) => {
    const preferred = ctx.draft.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION;
    const known = BEDROCK_REGIONS.map(([id, label]) => ({ id, label: id, description: `${label}${id === preferred ? ' · your default' : ''}` }));
    const custom = preferred && !BEDROCK_REGIONS.some(([id]) => id === preferred) ? [{ id: preferred, label: preferred, description: 'your default' }] : [];
    const answer = await ctx.ui.pick({
      id: 'region',
      title: 'Amazon Bedrock: region',
      placeholder: 'Where should requests go? (Cross-region inference profiles are offered with the models.)',
      options: [...custom, ...known, { id: 'other', label: '$(edit) Another region…' }],
      activeId: preferred ?? 'us-east-1',
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    if (answer.id === 'other') return customRegionStep(ctx);
    ctx.draft.region = answer.id;
    return bedrockEndpointStep(ctx);
  };
}

function customRegionStep(ctx: FlowContext): Step {
  return async (nav) => {
    const answer = await ctx.ui.input({
      id: 'customRegion',
      title: 'Amazon Bedrock: region',
      prompt: 'The AWS region code',
      placeholder: 'e.g. ap-southeast-3',
      ...(ctx.draft.region ? { value: ctx.draft.region } : {}),
      validate: validateRegion,
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    ctx.draft.region = answer.value.trim();
    return bedrockEndpointStep(ctx);
  };
}
