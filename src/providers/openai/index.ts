// OpenAI (and OpenAI-compatible gateways): Responses API by default, Chat Completions as the fallback.
import type { ModelClient } from '../../core/model/types';
import type { OpenAIProfile } from '../../protocol';
import type { ProviderDeps } from '../deps';
import { OpenAIModelClient } from './openai-client';

export function createOpenAIClient(profile: OpenAIProfile, deps: ProviderDeps): ModelClient {
  return new OpenAIModelClient(profile, deps);
}
