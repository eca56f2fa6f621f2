// Azure OpenAI / Azure AI Foundry: v1 Responses API when the resource has it, else Chat Completions;
// API key, Entra ID (DefaultAzureCredential) or VS Code's Microsoft sign-in.
import type { ModelClient } from '../../core/model/types';
import type { AzureProfile } from '../../protocol';
import type { ProviderDeps } from '../deps';
import { AzureModelClient } from './azure-client';

export function createAzureClient(profile: AzureProfile, deps: ProviderDeps): ModelClient {
  return new AzureModelClient(profile, deps);
}
