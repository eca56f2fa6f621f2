// Amazon Bedrock adapter: the ModelClient for Converse/ConverseStream, and what the provider picker and
// the CLI need to set one up (AWS profiles, model-id resolution, a profile from the environment).
import type { ModelClient } from '../../core/model/types';
import type { BedrockProfile } from '../../protocol';
import type { ProviderDeps } from '../deps';
import { BedrockModelClient } from './client';

export { BedrockModelClient } from './client';
export { type AwsProfileSummary, listAwsProfiles } from './aws-config-files';
export { bedrockProfileFromEnvironment, type BedrockEnvironmentOptions } from './environment-profile';
export { baseModelId, defaultGeoPrefix, geoPrefixesForRegion, isArn, needsInferenceProfile, resolveBedrockModelId } from './inference-profiles';
export { familyOf, type FamilyTraits, type ModelFamily } from './model-families';

export function createBedrockClient(profile: BedrockProfile, deps: ProviderDeps): ModelClient {
  return new BedrockModelClient(profile, deps);
}
