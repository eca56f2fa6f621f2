// The fetch the openai SDK uses: through the configured proxy when there is one, and with the
// chat-completions [DONE] guard (stream-guard.ts) always.
import { EnvHttpProxyAgent, ProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { ProviderDeps } from '../deps';
import { guardChatStreams, type FetchFn } from './stream-guard';

/** The proxy named by deps.proxyUrl (VS Code's http.proxy) or by HTTPS_PROXY/HTTP_PROXY/NO_PROXY in deps.env. */
export function proxyUrlFromDeps(deps: Pick<ProviderDeps, 'env' | 'proxyUrl'>): string | undefined {
  const env = deps.env;
  return deps.proxyUrl ?? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy ?? undefined;
}

function proxyDispatcher(deps: Pick<ProviderDeps, 'env' | 'proxyUrl'>): Dispatcher | undefined {
  if (deps.proxyUrl) return new ProxyAgent(deps.proxyUrl);
  const env = deps.env;
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy;
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy;
  if (!httpsProxy && !httpProxy) return undefined;
  // EnvHttpProxyAgent picks the proxy per request protocol and honours NO_PROXY, like curl.
  return new EnvHttpProxyAgent({ httpProxy: httpProxy ?? httpsProxy, httpsProxy: httpsProxy ?? httpProxy, noProxy: env.NO_PROXY ?? env.no_proxy ?? '' });
}

export function createWireFetch(deps: Pick<ProviderDeps, 'env' | 'proxyUrl'>): FetchFn {
  const dispatcher = proxyDispatcher(deps);
  // A dispatcher from the undici package must be used with the same package's fetch (the SDK says so too).
  const base: FetchFn = dispatcher
    ? (input, init) => undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>
    : (input, init) => fetch(input, init);
  return guardChatStreams(base);
}
