// One entry point from a provider profile to its ModelClient; the engine and the CLI use nothing else.
import type { ModelClient, ModelClientFactory } from '../core/model/types';
import type { ProviderProfile } from '../protocol';
import { createAzureClient } from './azure';
import { createBedrockClient } from './bedrock';
import type { ProviderDeps } from './deps';
import { createOpenAIClient } from './openai';

export function createModelClient(profile: ProviderProfile, deps: ProviderDeps): ModelClient {
  switch (profile.provider) {
    case 'bedrock':
      return createBedrockClient(profile, deps);
    case 'azure':
      return createAzureClient(profile, deps);
    case 'openai':
      return createOpenAIClient(profile, deps);
  }
}

/** Creates clients over shared deps; one memo for all of them, so per-endpoint probes happen once. */
export class ProviderModelClientFactory implements ModelClientFactory {
  private readonly deps: ProviderDeps;

  constructor(deps: ProviderDeps) {
    this.deps = { ...deps, memo: deps.memo ?? new Map() };
  }

  create(profile: ProviderProfile): ModelClient {
    return createModelClient(profile, this.deps);
  }
}
