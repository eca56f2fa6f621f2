// A Bedrock profile from command-line flags and the standard AWS environment, for `crosswind exec`,
// `crosswind models` and `crosswind whoami`: --region, else AWS_REGION / AWS_DEFAULT_REGION, else the
// region of the AWS profile; --profile, else a Bedrock API key when AWS_BEARER_TOKEN_BEDROCK is set
// (the AWS SDK prefers it too), else AWS_PROFILE / the default chain.
import { ModelError } from '../../core/model/errors';
import { BedrockProfile } from '../../protocol';
import { readAwsProfile } from './aws-config-files';

export interface BedrockEnvironmentOptions {
  model: string;
  region?: string;
  /** An AWS profile name (--profile). */
  awsProfile?: string;
  /** A bedrock-runtime endpoint override (--endpoint). */
  endpoint?: string;
  /** The Crosswind profile name to report in servedBy. */
  name?: string;
}

export async function bedrockProfileFromEnvironment(options: BedrockEnvironmentOptions, env: Record<string, string | undefined>): Promise<BedrockProfile> {
  const useApiKey = !options.awsProfile && Boolean(env.AWS_BEARER_TOKEN_BEDROCK);
  const awsProfile = options.awsProfile || env.AWS_PROFILE || undefined;
  const region = options.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || (await readAwsProfile(env, awsProfile ?? 'default'))?.region;
  if (!region) {
    throw new ModelError('configuration', 'No AWS region is set for Amazon Bedrock.', {
      provider: 'bedrock',
      fix: 'Pass --region, set AWS_REGION, or set a region for the AWS profile (`aws configure set region us-east-1`).',
    });
  }
  return BedrockProfile.parse({
    name: options.name ?? 'bedrock',
    provider: 'bedrock',
    model: options.model,
    region,
    auth: useApiKey ? { type: 'apiKey' } : { type: 'chain', ...(awsProfile ? { profile: awsProfile } : {}) },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
}
