// Entra ID tokens through @azure/identity's DefaultAzureCredential (environment service principal,
// workload identity, managed identity, Azure CLI, Azure Developer CLI…), refreshed by
// getBearerTokenProvider before they expire, with credential failures turned into typed ModelErrors.
//
// Note: @azure/identity reads the service-principal variables (AZURE_TENANT_ID, AZURE_CLIENT_ID,
// AZURE_CLIENT_SECRET, …) from process.env itself; the authority host, tenant and proxy are passed here
// from the profile and deps.env so that they win over process.env.
import { DefaultAzureCredential, getBearerTokenProvider, type DefaultAzureCredentialOptions } from '@azure/identity';
import { ModelError } from '../../core/model/errors';
import type { AzureAuth } from '../../protocol';
import { registerSecret } from '../../shared';
import type { ProviderDeps } from '../deps';
import { cleanMessage } from '../openai-wire/errors';
import { proxyUrlFromDeps } from '../openai-wire/http';
import type { AccessTokenSource } from './access-token';
import { isMicrosoftAuthorityHost } from './sovereign-clouds';

type EntraAuth = Extract<AzureAuth, { type: 'entra' }>;

const SIGN_IN_FIX = 'Sign in with `az login` (or `azd auth login`), or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal, or use an API key.';

function proxySettings(url: string): DefaultAzureCredentialOptions['proxyOptions'] {
  const u = new URL(url);
  return {
    host: `${u.protocol}//${u.hostname}`,
    port: Number(u.port) || (u.protocol === 'https:' ? 443 : 80),
    ...(u.username ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : {}),
  };
}

export function entraCredentialOptions(auth: EntraAuth, deps: Pick<ProviderDeps, 'env' | 'proxyUrl'>): DefaultAzureCredentialOptions {
  const authorityHost = auth.authorityHost ?? deps.env.AZURE_AUTHORITY_HOST;
  const tenantId = auth.tenantId ?? deps.env.AZURE_TENANT_ID;
  const proxy = proxyUrlFromDeps(deps);
  return {
    ...(tenantId ? { tenantId } : {}),
    ...(authorityHost ? { authorityHost, disableInstanceDiscovery: !isMicrosoftAuthorityHost(authorityHost) } : {}),
    ...(proxy ? { proxyOptions: proxySettings(proxy) } : {}),
  };
}

/** @azure/identity's errors, by name (AuthenticationError carries the AADSTS code in its message). */
export function credentialErrorToModelError(e: unknown, authorityHost: string | undefined): ModelError {
  const name = e instanceof Error ? e.name : '';
  // EnvironmentCredential re-wraps the real failure; the AADSTS code and its explanation are in the description.
  const description = (e as { errorResponse?: { errorDescription?: string } }).errorResponse?.errorDescription ?? '';
  const full = `${e instanceof Error ? e.message : String(e)}\n${description}`;
  const aadsts = /AADSTS\d+:.*?(?=\s*Trace ID:|\r?\n|$)/.exec(full)?.[0];
  const message = cleanMessage(aadsts ?? full.split('\n')[0]);
  if (name === 'AbortError') return new ModelError('cancelled', 'Getting an Entra token was cancelled.', { provider: 'azure', cause: e });
  if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError') {
    return new ModelError('authInvalid', `No Azure credential is available: ${message}`, { provider: 'azure', fix: SIGN_IN_FIX, fixCommand: 'az login', cause: e });
  }
  const status = (e as { statusCode?: number }).statusCode;
  if (/AADSTS7000222|AADSTS700082|AADSTS50173|AADSTS50078|AADSTS50076|expired/i.test(message)) {
    return new ModelError('authExpired', `The Azure sign-in has expired: ${message}`, { provider: 'azure', fix: SIGN_IN_FIX, fixCommand: 'az login', status, cause: e });
  }
  if (status !== undefined && status >= 500) {
    return new ModelError('server', `The Entra token service${authorityHost ? ` at ${authorityHost}` : ''} failed (${status}): ${message}`, { provider: 'azure', status, cause: e });
  }
  if (status === undefined && /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|network|socket/i.test(message)) {
    return new ModelError('network', `Could not reach the Entra token service${authorityHost ? ` at ${authorityHost}` : ''}: ${message}`, { provider: 'azure', cause: e });
  }
  return new ModelError('authInvalid', `Entra ID refused to issue a token: ${message}`, { provider: 'azure', fix: SIGN_IN_FIX, fixCommand: 'az login', status, cause: e });
}

export function createEntraTokenSource(auth: EntraAuth, scope: string, deps: ProviderDeps): AccessTokenSource {
  const options = entraCredentialOptions(auth, deps);
  let provider: (() => Promise<string>) | undefined;
  return {
    kind: 'entra',
    async getToken() {
      try {
        // Created on first use: constructing the chain reads process.env and probes nothing yet.
        provider ??= getBearerTokenProvider(new DefaultAzureCredential(options), scope);
        const token = await provider();
        registerSecret(token);
        return token;
      } catch (e) {
        throw credentialErrorToModelError(e, options.authorityHost);
      }
    },
    invalidate() {
      // The bearer policy refreshes on expiry by itself; a token the service rejected is dropped by
      // starting over with a new provider.
      provider = undefined;
    },
  };
}
