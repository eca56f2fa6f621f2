// Inference-profile ids: many Bedrock models are served only through a cross-region inference profile
// whose id is the model id with a geographic prefix ("us.anthropic.claude-…"). This file picks the
// prefix for a region and recognises ids that already carry one, or are ARNs, and so pass through.
import { bedrockResourceId, geoPrefixOf, stripGeoPrefix } from '../../core/cost/model-id';

export function isArn(id: string): boolean {
  return id.startsWith('arn:');
}

/**
 * The foundation-model id behind a model id, system inference-profile id or ARN
 * ("us.anthropic.claude-x" → "anthropic.claude-x"). Application inference profiles and provisioned
 * models are opaque ARNs and come back unchanged.
 */
export function baseModelId(id: string): string {
  return stripGeoPrefix(bedrockResourceId(id));
}

/**
 * The geographic profile prefixes that serve a region, most specific first: Tokyo and Australia have
 * their own profiles besides "apac". Empty for regions outside every geography.
 */
export function geoPrefixesForRegion(region: string): string[] {
  if (region.startsWith('us-gov-')) return ['us-gov'];
  if (region.startsWith('us-')) return ['us'];
  if (region.startsWith('ca-')) return ['us', 'ca'];
  if (region.startsWith('eu-')) return ['eu'];
  if (region === 'ap-northeast-1') return ['jp', 'apac'];
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return ['au', 'apac'];
  if (region.startsWith('ap-')) return ['apac'];
  return [];
}

/** The long-standing prefix for a region ("us.", "eu.", "apac."), used when no profile list is known. */
export function defaultGeoPrefix(region: string): string | undefined {
  const prefixes = geoPrefixesForRegion(region);
  if (prefixes.includes('apac')) return 'apac';
  return prefixes[0];
}

// Models that Bedrock serves only through an inference profile (no on-demand throughput), used when
// the control plane has not been asked. The control plane's inferenceTypesSupported is authoritative
// (see model-catalog.ts); a stale entry here shows up as a ValidationException whose fix names the
// prefixed id (error-mapping.ts).
const PROFILE_ONLY: RegExp[] = [
  /^anthropic\.claude-(?:3-7-|(?:opus|sonnet|haiku)-[4-9])/,
  /^meta\.llama3-2-/,
  /^meta\.llama3-3-/,
  /^meta\.llama4-/,
  /^amazon\.nova-premier/,
  /^amazon\.nova-2-/,
  /^deepseek\./,
  /^mistral\.pixtral/,
  /^writer\./,
  // GPT-5.6 and GPT-6 on bedrock-runtime: cross-region ids only ("Runtime uses US inference profile IDs
  // us.openai.gpt-6-sol … or global IDs", OpenAI "OpenAI models in Amazon Bedrock"; openai/codex's
  // amazon-bedrock-runtime provider uses global./us.openai.gpt-5.6-*).
  /^openai\.gpt-(?:5\.(?:[6-9]|\d\d)|[6-9])/,
];

export function needsInferenceProfile(modelId: string): boolean {
  if (isArn(modelId) || geoPrefixOf(modelId)) return false;
  return PROFILE_ONLY.some((p) => p.test(modelId));
}

/**
 * The id to send to Bedrock for `modelId` in `region`.
 * - ARNs and ids that already carry a prefix ("us.", "global."…) pass through unchanged.
 * - With `knownProfiles` (inference-profile ids that exist in the region, from ListInferenceProfiles),
 *   the model uses its profile for the region's geography, else its global profile, else the bare id.
 * - Without it, a model known to need a profile gets the region's geographic prefix.
 */
export function resolveBedrockModelId(modelId: string, region: string, knownProfiles?: readonly string[]): string {
  if (isArn(modelId) || geoPrefixOf(modelId)) return modelId;
  if (knownProfiles) {
    const known = new Set(knownProfiles);
    for (const prefix of [...geoPrefixesForRegion(region), 'global']) {
      if (known.has(`${prefix}.${modelId}`)) return `${prefix}.${modelId}`;
    }
    return modelId;
  }
  if (!needsInferenceProfile(modelId)) return modelId;
  const prefix = defaultGeoPrefix(region);
  return prefix ? `${prefix}.${modelId}` : modelId;
}
