// API keys for OpenAI and Azure: from SecretStorage in the editor (deps.secrets), else the environment
// variable the CLI and the cloud's own tools use. The key is registered for redaction as soon as it is read.
import { ModelError } from '../../core/model/errors';
import { registerSecret } from '../../shared';
import type { ProviderDeps } from '../deps';

export interface ApiKeySource {
  provider: 'azure' | 'openai';
  /** SecretStorage id, e.g. 'openai.apiKey'. */
  secretId: string;
  /** Environment variable, e.g. 'OPENAI_API_KEY'. */
  envVar: string;
  /** "OpenAI", "Azure OpenAI". */
  service: string;
}

export async function resolveApiKey(deps: ProviderDeps, source: ApiKeySource): Promise<string> {
  const key = ((await deps.secrets?.getSecret(source.secretId)) ?? deps.env[source.envVar])?.trim();
  if (!key) {
    throw new ModelError('configuration', `No ${source.service} API key was found.`, {
      provider: source.provider,
      fix: `In VS Code, choose the profile with "Crosswind: Select Provider…" and enter the key (it is kept in SecretStorage as '${source.secretId}'); for the CLI, set ${source.envVar}.`,
    });
  }
  registerSecret(key);
  return key;
}

/** "…a1b2": enough to tell keys apart, never enough to use one. */
export function keyFingerprint(key: string): string {
  return `…${key.slice(-4)}`;
}
