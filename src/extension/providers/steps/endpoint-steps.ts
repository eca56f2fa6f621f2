// Azure: the resource endpoint and the deployment name; Bedrock: an optional bedrock-runtime (VPC)
// endpoint; OpenAI: an optional base URL for a compatible gateway. Each is validated as it is typed, with
// the exact rule it breaks.
import type { FlowContext } from '../flow-context';
import type { InputValidation } from '../picker-ui';
import type { Step } from '../step-runner';

const AZURE_HOSTS = /\.(openai\.azure\.com|services\.ai\.azure\.com|cognitiveservices\.azure\.com|openai\.azure\.us|cognitiveservices\.azure\.us|openai\.azure\.cn|cognitiveservices\.azure\.cn)$/i;

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value.trim());
  } catch {
    return undefined;
  }
}

export function validateAzureEndpoint(value: string): InputValidation | undefined {
  const url = parseUrl(value);
  if (!value.trim()) return { message: 'Paste the endpoint from the Azure portal (your resource → Keys and Endpoint).', severity: 'error' };
  if (!url) return { message: 'Not a URL: it looks like https://<resource>.openai.azure.com', severity: 'error' };
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname))) return { message: 'The endpoint must use https://', severity: 'error' };
  if (url.pathname.includes('/deployments/')) return { message: 'Give the resource endpoint only; the deployment is the next step.', severity: 'error' };
  if (!AZURE_HOSTS.test(url.hostname) && url.protocol === 'https:') return { message: `${url.hostname} is not an Azure OpenAI or AI Foundry host; fine for a gateway, otherwise check it.`, severity: 'warning' };
  return undefined;
}

export function validateDeployment(value: string): InputValidation | undefined {
  const v = value.trim();
  if (!v) return { message: 'The deployment name (Azure AI Foundry → Deployments).', severity: 'error' };
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v)) return { message: 'Deployment names have up to 64 letters, digits, ".", "_" or "-".', severity: 'error' };
  return undefined;
}

export function validateBaseUrl(value: string): InputValidation | undefined {
  if (!value.trim()) return undefined;
  const url = parseUrl(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return { message: 'A base URL looks like https://gateway.example.com/v1', severity: 'error' };
  if (url.protocol === 'http:' && !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname)) return { message: 'Plain http:// sends your key unencrypted; use https:// unless this is a local gateway.', severity: 'warning' };
  return undefined;
}

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/**
 * Bedrock: an optional bedrock-runtime endpoint, such as an interface VPC endpoint (PrivateLink). Empty
 * means the public endpoint of the region. A private DNS name is fine; an AWS host that is not a
 * bedrock-runtime one, or is in another region, gets a warning.
 */
export function validateBedrockEndpoint(value: string, region?: string): InputValidation | undefined {
  if (!value.trim()) return undefined;
  const url = parseUrl(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return { message: 'Not a URL: a VPC endpoint looks like https://vpce-0123abcd-wxyz.bedrock-runtime.us-east-1.vpce.amazonaws.com', severity: 'error' };
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) return { message: 'The endpoint must use https://', severity: 'error' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return { message: 'Give the endpoint only, with no path: https://<host>', severity: 'error' };
  const host = url.hostname.toLowerCase();
  if (/\.amazonaws\.com(\.cn)?$/.test(host)) {
    if (!host.includes('bedrock-runtime')) return { message: `${host} is not a bedrock-runtime endpoint (models run on bedrock-runtime, not on the bedrock control plane).`, severity: 'warning' };
    const inRegion = /\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\./.exec(host)?.[1];
    if (region && inRegion && inRegion !== region) return { message: `This endpoint is in ${inRegion}, but the region chosen is ${region}.`, severity: 'warning' };
  }
  return undefined;
}

/** https://vpce-….amazonaws.com/ → https://vpce-….amazonaws.com (no trailing slash in the settings). */
export function normalizeEndpoint(value: string): string {
  const url = new URL(value.trim());
  return `${url.protocol}//${url.host}`;
}

export function bedrockEndpointStep(ctx: FlowContext): Step {
  return async (nav) => {
    const region = ctx.draft.region;
    const answer = await ctx.ui.input({
      id: 'bedrockEndpoint',
      title: 'Amazon Bedrock: endpoint (optional)',
      prompt: `Leave empty for the public bedrock-runtime endpoint${region ? ` of ${region}` : ''}, or give your VPC (PrivateLink) endpoint`,
      placeholder: `https://vpce-0123abcd-wxyz.bedrock-runtime.${region ?? 'us-east-1'}.vpce.amazonaws.com`,
      ...(ctx.draft.endpoint ? { value: ctx.draft.endpoint } : {}),
      validate: (v) => validateBedrockEndpoint(v, region),
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    if (answer.value.trim()) ctx.draft.endpoint = normalizeEndpoint(answer.value);
    else delete ctx.draft.endpoint;
    return ctx.next('location');
  };
}

/** https://x.openai.azure.com/openai/v1/ → https://x.openai.azure.com (what the profile wants). */
export function normalizeAzureEndpoint(value: string): string {
  const url = new URL(value.trim());
  return `${url.protocol}//${url.host}`;
}

export function azureEndpointStep(ctx: FlowContext): Step {
  return async (nav) => {
    const answer = await ctx.ui.input({
      id: 'endpoint',
      title: 'Azure OpenAI: endpoint',
      prompt: 'The resource endpoint (Azure portal → your resource → Keys and Endpoint)',
      placeholder: 'https://<resource>.openai.azure.com',
      ...(ctx.draft.endpoint ? { value: ctx.draft.endpoint } : {}),
      validate: validateAzureEndpoint,
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    ctx.draft.endpoint = normalizeAzureEndpoint(answer.value);
    return azureDeploymentStep(ctx);
  };
}

function azureDeploymentStep(ctx: FlowContext): Step {
  return async (nav) => {
    const answer = await ctx.ui.input({
      id: 'deployment',
      title: 'Azure OpenAI: deployment',
      prompt: 'The deployment to call (Azure AI Foundry → Deployments)',
      placeholder: 'e.g. gpt-5-prod',
      ...(ctx.draft.deployment ? { value: ctx.draft.deployment } : {}),
      validate: validateDeployment,
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    ctx.draft.deployment = answer.value.trim();
    return ctx.next('location');
  };
}

export function openAIBaseUrlStep(ctx: FlowContext): Step {
  return async (nav) => {
    const answer = await ctx.ui.input({
      id: 'baseUrl',
      title: 'OpenAI: base URL (optional)',
      prompt: 'Leave empty for api.openai.com, or give the base URL of an OpenAI-compatible gateway',
      placeholder: 'https://api.openai.com/v1',
      ...(ctx.draft.baseUrl ? { value: ctx.draft.baseUrl } : {}),
      validate: validateBaseUrl,
      step: nav.step,
      totalSteps: ctx.totalSteps(),
      canGoBack: nav.canGoBack,
    });
    if (!answer) return 'cancel';
    if (answer.kind === 'back') return 'back';
    const v = answer.value.trim();
    if (v) ctx.draft.baseUrl = v;
    else delete ctx.draft.baseUrl;
    return ctx.next('location');
  };
}
