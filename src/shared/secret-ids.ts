// Where a profile's API key is kept in VS Code's SecretStorage: the engine asks the editor for it by this
// id (auth/secret). A profile may name its own id; Azure and OpenAI keys otherwise share one per cloud.
import type { ProviderProfile } from '../protocol/providers';

/** The SecretStorage id of an Azure or OpenAI key: the profile's own, or the cloud's default. */
export function keySecretId(provider: 'azure' | 'openai', secretId: string | undefined): string {
  return secretId ?? `${provider}.apiKey`;
}

/** The SecretStorage id of a profile's API key, or undefined without one (a Bedrock key has no default). */
export function apiKeySecretId(profile: ProviderProfile): string | undefined {
  if (profile.auth.type !== 'apiKey') return undefined;
  return profile.provider === 'bedrock' ? profile.auth.secretId : keySecretId(profile.provider, profile.auth.secretId);
}
