// Step 2: how to sign in. AWS: each profile of ~/.aws/config and ~/.aws/credentials (IAM Identity
// Center ones marked), the environment's credentials, or a Bedrock API key. Azure: VS Code's Microsoft
// sign-in, DefaultAzureCredential, or an API key. OpenAI has only API keys and skips this step.
import { listAwsProfiles, type AwsProfileEntry } from '../aws-config';
import type { FlowContext } from '../flow-context';
import type { PickOption } from '../picker-ui';
import type { DraftAuth } from '../profile-draft';
import type { Step } from '../step-runner';

const AWS_KIND: Record<AwsProfileEntry['kind'], string> = {
  sso: 'IAM Identity Center (SSO)',
  keys: 'access keys',
  assumeRole: 'assumes a role',
  process: 'credential_process',
  other: '',
};

async function bedrockOptions(ctx: FlowContext): Promise<PickOption[]> {
  const profiles = await listAwsProfiles(ctx.env);
  const fromEnv = ctx.env.AWS_PROFILE ? `AWS_PROFILE=${ctx.env.AWS_PROFILE}` : ctx.env.AWS_ACCESS_KEY_ID ? 'AWS_ACCESS_KEY_ID is set' : 'environment, container or instance role';
  return [
    ...profiles.map(
      (p, i): PickOption => ({
        id: `aws:${p.name}`,
        label: `$(${p.sso ? 'organization' : 'key'}) ${p.name}`,
        description: [AWS_KIND[p.kind], p.region].filter(Boolean).join(' · '),
        ...(i === 0 ? { separatorBefore: 'AWS profiles' } : {}),
      }),
    ),
    // "Other" only sets the rest apart from the profiles above it: with none, there is nothing to set apart from.
    { id: 'env', label: '$(terminal) Default credential chain', description: fromEnv, detail: 'As the AWS CLI finds credentials without --profile', ...(profiles.length ? { separatorBefore: 'Other' } : {}) },
    { id: 'apiKey', label: '$(lock) Bedrock API key', detail: 'Stored in VS Code SecretStorage, never in settings' },
  ];
}

const AZURE_OPTIONS: PickOption[] = [
  { id: 'vscodeMicrosoft', label: '$(account) Microsoft sign-in', detail: "VS Code's own Microsoft account (Entra ID)" },
  { id: 'entra', label: '$(terminal) DefaultAzureCredential', detail: 'Azure CLI / azd sign-in, managed identity, workload identity or a service principal in the environment' },
  { id: 'apiKey', label: '$(lock) API key', detail: 'Stored in VS Code SecretStorage, never in settings' },
];

function chosenId(auth: DraftAuth | undefined): string | undefined {
  if (!auth) return undefined;
  if (auth.type === 'chain') return auth.profile ? `aws:${auth.profile}` : 'env';
  return auth.type;
}

export function authStep(ctx: FlowContext): Step {
  return async (nav) => {
    const bedrock = ctx.draft.provider === 'bedrock';
    const active = chosenId(ctx.draft.auth);
    const answer = await ctx.ui.pick({
      id: 'auth',
      title: bedrock ? 'Amazon Bedrock: sign in with' : 'Azure OpenAI: sign in with',
      placeholder: bedrock ? 'Choose AWS credentials (read from ~/.aws/config and ~/.aws/credentials)' : 'Choose how to authenticate to Azure',
      options: bedrock ? bedrockOptions(ctx) : AZURE_OPTIONS,
      ...(active ? { activeId: active } : {}),
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    const id = answer.id;
    let auth: DraftAuth;
    if (id.startsWith('aws:')) {
      const name = id.slice(4);
      auth = { type: 'chain', profile: name };
      // The profile's own region is the likely answer to the region step.
      const entry = (await listAwsProfiles(ctx.env)).find((p) => p.name === name);
      if (entry?.region && !ctx.draft.region) ctx.draft.region = entry.region;
    } else if (id === 'env') auth = { type: 'chain' };
    else auth = { type: id as 'apiKey' | 'entra' | 'vscodeMicrosoft' };
    ctx.draft.auth = auth;
    if (auth.type !== 'apiKey') delete ctx.draft.apiKey;
    return ctx.next('auth');
  };
}
