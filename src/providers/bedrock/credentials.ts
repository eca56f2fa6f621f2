// Who the Bedrock clients authenticate as: AWS credentials found the way the AWS CLI finds them, or a
// Bedrock API key sent as a bearer token.
//
// Chain auth uses the SDK's node provider chain (ini files, IAM Identity Center, credential_process,
// web identity, container and instance roles) with the profile and file paths taken from the host's
// environment. Static keys in that environment (AWS_ACCESS_KEY_ID…) are used directly when no profile
// is chosen, like the CLI does. What the chain still reads from process.env itself: the SSO token cache
// under $HOME/.aws/sso/cache, AWS_WEB_IDENTITY_TOKEN_FILE and the container/IMDS variables.
//
// API-key auth sends `Authorization: Bearer <key>` through the SDK's httpBearerAuth scheme
// (client config `token` + authSchemePreference ['httpBearerAuth']), the same path the SDK takes on
// its own when AWS_BEARER_TOKEN_BEDROCK is set.
import type { BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { fromNodeProviderChain, fromProcess } from '@aws-sdk/credential-providers';
import { ModelError } from '../../core/model/errors';
import { type BedrockProfile } from '../../protocol';
import { registerSecret } from '../../shared';
import type { ProviderDeps } from '../deps';
import { type AwsFilePaths, awsFilePaths, readAwsProfile } from './aws-config-files';

type CredentialProvider = NonNullable<Exclude<BedrockRuntimeClientConfig['credentials'], { accessKeyId: string }>>;
type ResolvedCredentials = Awaited<ReturnType<CredentialProvider>>;

/** The parts of a client config that carry authentication. */
export interface ClientAuthConfig {
  credentials?: CredentialProvider;
  token?: () => Promise<{ token: string }>;
  authSchemePreference: string[];
}

export interface BedrockAuth {
  kind: 'chain' | 'apiKey';
  /** The AWS profile in use (chain auth), undefined for static environment keys. */
  awsProfile?: string;
  client: ClientAuthConfig;
  /** Resolves the credentials now (STS whoami, error context); throws what the chain throws. */
  resolveCredentials(): Promise<ResolvedCredentials>;
  /** The API key (apiKey auth). */
  resolveApiKey(): Promise<string>;
  /** The chosen profile signs in through IAM Identity Center. */
  isSsoProfile(): Promise<boolean>;
}

/** How the credentials were found, from the SDK's own credential-feature marks. */
export function credentialSource(credentials: ResolvedCredentials): string {
  const marks = Object.keys((credentials as { $source?: Record<string, unknown> }).$source ?? {});
  const has = (pattern: RegExp) => marks.some((m) => pattern.test(m));
  if (has(/_SSO/)) return 'sso';
  if (has(/LOGIN/)) return 'login';
  if (has(/PROCESS/)) return 'process';
  if (has(/WEB_ID/)) return 'webIdentity';
  if (has(/ASSUME_ROLE|SOURCE_PROFILE/)) return 'assumeRole';
  if (has(/ENV_VARS/)) return 'env';
  if (has(/HTTP/)) return 'container';
  if (has(/IMDS/)) return 'instance';
  if (has(/PROFILE/)) return 'profile';
  return 'static';
}

function apiKeyAuth(profile: BedrockProfile & { auth: { type: 'apiKey' } }, deps: ProviderDeps): BedrockAuth {
  const secretId = profile.auth.secretId;
  const resolveApiKey = async () => {
    const fromSecrets = secretId ? await deps.secrets?.getSecret(secretId) : undefined;
    const key = fromSecrets || deps.env.AWS_BEARER_TOKEN_BEDROCK;
    if (!key) {
      throw new ModelError('configuration', 'No Bedrock API key is configured.', {
        provider: 'bedrock',
        fix: 'Store a Bedrock API key with "Crosswind: Select Provider…", or set AWS_BEARER_TOKEN_BEDROCK.',
      });
    }
    const trimmed = key.trim();
    // From now on every log line and error message masks this key, whatever its shape.
    registerSecret(trimmed);
    return trimmed;
  };
  return {
    kind: 'apiKey',
    client: { token: async () => ({ token: await resolveApiKey() }), authSchemePreference: ['httpBearerAuth'] },
    resolveCredentials: () => Promise.reject(new ModelError('configuration', 'This profile uses a Bedrock API key, not AWS credentials.', { provider: 'bedrock' })),
    resolveApiKey,
    isSsoProfile: async () => false,
  };
}

function chainWithReasons(chain: CredentialProvider, explain: (e: unknown) => Promise<unknown>): CredentialProvider {
  return async (options) => {
    try {
      return await chain(options);
    } catch (e) {
      throw await explain(e);
    }
  };
}

function credentialsError(message: string): Error {
  return Object.assign(new Error(message), { name: 'CredentialsProviderError' });
}

/**
 * The chain moves on past a profile it cannot use and ends with "Could not load credentials from any
 * providers", losing the reason. For a named profile, find it again: the profile does not exist, or
 * its credential_process fails (run once more to capture why).
 */
async function explainChainFailure(error: unknown, env: Record<string, string | undefined>, profileName: string, paths: AwsFilePaths): Promise<unknown> {
  if (!/could not load credentials from any providers/i.test((error as Error | undefined)?.message ?? '')) return error;
  const section = await readAwsProfile(env, profileName).catch(() => undefined);
  if (!section) {
    return profileName === 'default' ? error : credentialsError(`Could not resolve credentials using profile: [${profileName}] in configuration/credentials file(s).`);
  }
  if (section.credential_process) {
    try {
      await fromProcess({ profile: profileName, filepath: paths.credentials, configFilepath: paths.config, ignoreCache: true })();
    } catch (e) {
      return credentialsError(`credential_process of profile ${profileName} failed: ${(e as Error).message}`);
    }
  }
  return error;
}

function chainAuth(profile: BedrockProfile & { auth: { type: 'chain' } }, deps: ProviderDeps, clientConfig: Record<string, unknown>): BedrockAuth {
  const env = deps.env;
  const chosen = profile.auth.profile || env.AWS_PROFILE || undefined;
  const staticKeys = !chosen && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
  const paths = awsFilePaths(env);
  if (staticKeys) {
    registerSecret(env.AWS_SECRET_ACCESS_KEY);
    registerSecret(env.AWS_SESSION_TOKEN);
  }
  const credentials: CredentialProvider = staticKeys
    ? async () => ({
        accessKeyId: env.AWS_ACCESS_KEY_ID!,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        $source: { CREDENTIALS_ENV_VARS: 'g' },
      })
    : chainWithReasons(fromNodeProviderChain({
        // An explicit profile name ("default" when none is set) keeps process.env.AWS_PROFILE out of it.
        profile: chosen ?? 'default',
        filepath: paths.credentials,
        configFilepath: paths.config,
        ignoreCache: true,
        clientConfig,
      }), (e) => explainChainFailure(e, env, chosen ?? 'default', paths));
  let sso: Promise<boolean> | undefined;
  return {
    kind: 'chain',
    ...(staticKeys ? {} : { awsProfile: chosen ?? 'default' }),
    client: { credentials, authSchemePreference: ['sigv4'] },
    resolveCredentials: () => credentials({}),
    resolveApiKey: () => Promise.reject(new ModelError('configuration', 'This profile uses AWS credentials, not an API key.', { provider: 'bedrock' })),
    isSsoProfile: () => {
      sso ??= staticKeys
        ? Promise.resolve(false)
        : readAwsProfile(env, chosen ?? 'default').then((p) => Boolean(p?.sso_session || p?.sso_start_url), () => false);
      return sso;
    },
  };
}

/**
 * The authentication of one Bedrock profile. `clientConfig` goes to the STS/SSO clients the chain
 * creates itself (region, the proxied request handler).
 */
export function createBedrockAuth(profile: BedrockProfile, deps: ProviderDeps, clientConfig: Record<string, unknown> = {}): BedrockAuth {
  const auth = profile.auth;
  return auth.type === 'apiKey'
    ? apiKeyAuth({ ...profile, auth }, deps)
    : chainAuth({ ...profile, auth }, deps, { region: profile.region, ...clientConfig });
}
