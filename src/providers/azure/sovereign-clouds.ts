// Public, sovereign and private Microsoft clouds: which authority hosts MSAL may validate through
// instance discovery, and which token scope an endpoint needs.

/** Authority hosts of Microsoft's own clouds (public, US Government, China, legacy aliases). */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login-us.microsoftonline.com',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

export const DEFAULT_SCOPE = 'https://cognitiveservices.azure.com/.default';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

/**
 * MSAL asks login.microsoftonline.com to validate any other authority ("instance discovery"). For an
 * authority outside Microsoft's clouds (Azure Stack, an air-gapped cloud, a test authority) that request
 * must not be made: the token request then goes only to the configured host.
 */
export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(hostOf(authorityHost));
}

/**
 * The scope to request. A profile left on the public-cloud default but pointing at an Azure Government or
 * Azure China endpoint would get a token for the wrong audience, so the endpoint's cloud decides then.
 */
export function tokenScopeFor(endpoint: string, scope: string): string {
  if (scope !== DEFAULT_SCOPE) return scope;
  const host = hostOf(endpoint);
  if (host.endsWith('.azure.us')) return 'https://cognitiveservices.azure.us/.default';
  if (host.endsWith('.azure.cn')) return 'https://cognitiveservices.azure.cn/.default';
  return scope;
}
