// The control-plane data the loopback Bedrock serves by default: a small, realistic mix of foundation
// models (on-demand, inference-profile only, legacy, non-text) and the inference profiles of a region.
export interface FoundationModelJson {
  modelArn: string;
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  responseStreamingSupported?: boolean;
  inferenceTypesSupported: string[];
  modelLifecycle: { status: 'ACTIVE' | 'LEGACY' };
}

export interface InferenceProfileJson {
  inferenceProfileName: string;
  inferenceProfileArn: string;
  inferenceProfileId: string;
  models: Array<{ modelArn: string }>;
  status: 'ACTIVE';
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
}

function model(region: string, modelId: string, modelName: string, providerName: string, inferenceTypesSupported: string[], extra: Partial<FoundationModelJson> = {}): FoundationModelJson {
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${modelId}`,
    modelId,
    modelName,
    providerName,
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    inferenceTypesSupported,
    modelLifecycle: { status: 'ACTIVE' },
    ...extra,
  };
}

export const DEFAULT_FOUNDATION_MODELS = (region: string): FoundationModelJson[] => [
  model(region, 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5', 'Anthropic', ['INFERENCE_PROFILE']),
  model(region, 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'Claude 3.5 Sonnet', 'Anthropic', ['ON_DEMAND'], { modelLifecycle: { status: 'LEGACY' } }),
  model(region, 'amazon.nova-pro-v1:0', 'Nova Pro', 'Amazon', ['ON_DEMAND']),
  model(region, 'meta.llama3-3-70b-instruct-v1:0', 'Llama 3.3 70B Instruct', 'Meta', ['INFERENCE_PROFILE']),
  model(region, 'openai.gpt-oss-120b-1:0', 'gpt-oss-120b', 'OpenAI', ['ON_DEMAND']),
  // Profile-only, but no profile in this region: not usable here.
  model(region, 'deepseek.r1-v1:0', 'DeepSeek-R1', 'DeepSeek', ['INFERENCE_PROFILE']),
  model(region, 'amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', 'Amazon', ['ON_DEMAND'], { outputModalities: ['EMBEDDING'] }),
  model(region, 'stability.sd3-5-large-v1:0', 'Stable Diffusion 3.5 Large', 'Stability AI', ['ON_DEMAND'], { outputModalities: ['IMAGE'] }),
];

function systemProfile(region: string, account: string, prefix: string, modelId: string, name: string): InferenceProfileJson {
  const id = `${prefix}.${modelId}`;
  return {
    inferenceProfileName: name,
    inferenceProfileArn: `arn:aws:bedrock:${region}:${account}:inference-profile/${id}`,
    inferenceProfileId: id,
    models: [{ modelArn: `arn:aws:bedrock:${region}::foundation-model/${modelId}` }],
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
  };
}

/** System profiles for the region's geography and global ones, plus one application profile. */
export function defaultInferenceProfiles(region: string, account: string): InferenceProfileJson[] {
  const geo = region.startsWith('eu-') ? 'eu' : region.startsWith('ap-') ? 'apac' : 'us';
  return [
    systemProfile(region, account, geo, 'anthropic.claude-sonnet-4-5-20250929-v1:0', `${geo.toUpperCase()} Claude Sonnet 4.5`),
    systemProfile(region, account, 'global', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'Global Claude Sonnet 4.5'),
    systemProfile(region, account, geo, 'meta.llama3-3-70b-instruct-v1:0', `${geo.toUpperCase()} Llama 3.3 70B Instruct`),
    systemProfile(region, account, geo, 'amazon.nova-pro-v1:0', `${geo.toUpperCase()} Nova Pro`),
    {
      inferenceProfileName: 'team-claude',
      inferenceProfileArn: `arn:aws:bedrock:${region}:${account}:application-inference-profile/abc123team`,
      inferenceProfileId: 'abc123team',
      models: [{ modelArn: `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0` }],
      status: 'ACTIVE',
      type: 'APPLICATION',
    },
  ];
}
