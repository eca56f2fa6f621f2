// Whether "Run in the cloud" can be used with these settings, and if not, the reason its button's tooltip
// gives (the sidebar) and its refusal says (the engine): one sentence, the same on both sides.
import type { EngineSettings } from '../protocol/config';

const RUNTIME_ARN = /^arn:aws[a-z-]*:bedrock-agentcore:[a-z0-9-]+:\d{12}:runtime\/[A-Za-z0-9_-]+$/;

export function cloudUnavailableReason(settings: Pick<EngineSettings, 'trusted' | 'cloud'>): string | undefined {
  if (!settings.trusted) return 'Restricted Mode: trust the workspace to run cloud tasks.';
  const arn = settings.cloud.runtimeArn;
  if (!arn) return 'No cloud runtime is configured: set crosswind.cloud.runtimeArn (crosswind cloud deploy prints it).';
  if (!RUNTIME_ARN.test(arn)) return `crosswind.cloud.runtimeArn is not an AgentCore runtime ARN (arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID): ${arn}`;
  return undefined;
}
