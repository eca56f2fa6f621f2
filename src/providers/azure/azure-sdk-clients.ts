// The two ways to call an Azure OpenAI resource with the openai package:
//  - the v1 API (`{endpoint}/openai/v1/`, Responses and Chat Completions, `model` = deployment name), through
//    the plain OpenAI client, as Microsoft documents for v1;
//  - the classic data plane (`/openai/deployments/{deployment}/chat/completions?api-version=…`), through
//    AzureOpenAI.
import OpenAI, { AzureOpenAI } from 'openai';
import type { ProviderDeps } from '../deps';
import { commonSdkOptions } from '../openai-wire/sdk-options';
import type { AzureCredentials } from './azure-credentials';

export function createAzureV1Client(endpoint: string, credentials: AzureCredentials, deps: ProviderDeps): OpenAI {
  const base = { ...commonSdkOptions(deps), baseURL: `${endpoint}/openai/v1`, organization: null, project: null };
  if (credentials.type === 'apiKey') {
    // Azure's own `api-key` header; a null default header removes the SDK's `Authorization: Bearer <key>`.
    return new OpenAI({ ...base, apiKey: credentials.key, defaultHeaders: { 'api-key': credentials.key, Authorization: null } });
  }
  // A function apiKey is called before every request: the token source caches and refreshes.
  return new OpenAI({ ...base, apiKey: () => credentials.tokens.getToken() });
}

export function createAzureClassicClient(endpoint: string, deployment: string, apiVersion: string, credentials: AzureCredentials, deps: ProviderDeps): AzureOpenAI {
  // `baseURL`, not `endpoint`: AzureOpenAI rejects `endpoint` when OPENAI_BASE_URL is set in process.env.
  const base = { ...commonSdkOptions(deps), baseURL: `${endpoint}/openai`, apiVersion, deployment, organization: null, project: null };
  if (credentials.type === 'apiKey') return new AzureOpenAI({ ...base, apiKey: credentials.key });
  return new AzureOpenAI({
    ...base,
    azureADTokenProvider: () => credentials.tokens.getToken(),
    // Null, not undefined: an undefined apiKey defaults to AZURE_OPENAI_API_KEY from process.env, and
    // AzureOpenAI refuses an API key together with a token provider.
    apiKey: null as unknown as undefined,
  });
}
