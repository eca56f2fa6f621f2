// How requests to an Azure OpenAI resource authenticate: an `api-key` header, or an Entra bearer token
// (DefaultAzureCredential, or VS Code's Microsoft sign-in in the editor).
import { ModelError } from '../../core/model/errors';
import { type AzureProfile } from '../../protocol';
import { keySecretId } from '../../shared';
import type { ProviderDeps } from '../deps';
import { resolveApiKey } from '../openai-wire/api-key';
import type { AccessTokenSource } from './access-token';
import { createEntraTokenSource } from './entra-token-source';
import { tokenScopeFor } from './sovereign-clouds';
import { createVsCodeTokenSource } from './vscode-token-source';

export type AzureCredentials = { type: 'apiKey'; key: string } | { type: 'bearer'; tokens: AccessTokenSource };

/** Builds the token source once per client (it caches tokens); API keys are read on every call. */
export class AzureCredentialResolver {
  private tokens: AccessTokenSource | undefined;

  constructor(
    private readonly profile: AzureProfile,
    private readonly deps: ProviderDeps,
  ) {}

  get scope(): string {
    return tokenScopeFor(this.profile.endpoint, this.profile.scope);
  }

  async resolve(): Promise<AzureCredentials> {
    const auth = this.profile.auth;
    if (auth.type === 'apiKey') {
      const key = await resolveApiKey(this.deps, { provider: 'azure', secretId: keySecretId('azure', auth.secretId), envVar: 'AZURE_OPENAI_API_KEY', service: 'Azure OpenAI' });
      return { type: 'apiKey', key };
    }
    if (!this.tokens) {
      if (auth.type === 'entra') {
        this.tokens = createEntraTokenSource(auth, this.scope, this.deps);
      } else {
        if (!this.deps.secrets) {
          throw new ModelError('configuration', "VS Code's Microsoft sign-in is only available inside VS Code.", {
            provider: 'azure',
            fix: 'Outside the editor, use Entra ID (az login, or AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET) or an API key (AZURE_OPENAI_API_KEY).',
          });
        }
        this.tokens = createVsCodeTokenSource(this.deps.secrets, this.scope, auth.tenantId, this.deps.clock);
      }
    }
    return { type: 'bearer', tokens: this.tokens };
  }
}
