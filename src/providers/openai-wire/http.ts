// The fetch the openai SDK uses: through the configured proxy when there is one, and with the
// chat-completions [DONE] guard (stream-guard.ts) always. undici (a fifth of the CLI's code) is loaded
// only when a proxy is configured: the bundles take it from their own dist/undici.js (scripts/build.mjs),
// so a run without a proxy neither compiles nor runs it.
import type * as UndiciModule from 'undici';
import type { Dispatcher } from 'undici';
import type { ProviderDeps } from '../deps';
import { guardChatStreams, type FetchFn } from './stream-guard';

/** The proxy named by deps.proxyUrl (VS Code's http.proxy) or by HTTPS_PROXY/HTTP_PROXY/NO_PROXY in deps.env. */
export function proxyUrlFromDeps(deps: Pick<ProviderDeps, 'env' | 'proxyUrl'>): string | undefined {
  const env = deps.env;
  return deps.proxyUrl ?? env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy ?? undefined;
}

type Undici = typeof UndiciModule;

/** The proxy agent for these settings, or undefined when no proxy is configured (then undici is not loaded). */
function proxyDispatcher(deps: Pick<ProviderDeps, 'env' | 'proxyUrl'>): ((undici: Undici) => Dispatcher) | undefined {
  if (deps.proxyUrl) {
    const url = deps.proxyUrl;
    return (u) => new u.ProxyAgent(url);
  }
  const env = deps.env;
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy;
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy;
  if (!httpsProxy && !httpProxy) return undefined;
  // EnvHttpProxyAgent picks the proxy per request protocol and honours NO_PROXY, like curl.
  return (u) => new u.EnvHttpProxyAgent({ httpProxy: httpProxy ?? httpsProxy, httpsProxy: httpsProxy ?? httpProxy, noProxy: env.NO_PROXY ?? env.no_proxy ?? '' });
}

export function createWireFetch(deps: Pick<ProviderDeps, 'env' | 'proxyUrl'>): FetchFn {
  const makeDispatcher = proxyDispatcher(deps);
  if (!makeDispatcher) return guardChatStreams((input, init) => fetch(input, init));
  // One agent per client, made on the first request. A dispatcher from the undici package must be used
  // with the same package's fetch (the SDK says so too).
  let proxied: Promise<{ undici: Undici; dispatcher: Dispatcher }> | undefined;
  const base: FetchFn = async (input, init) => {
    proxied ??= import('undici').then((undici) => ({ undici, dispatcher: makeDispatcher(undici) }));
    const { undici, dispatcher } = await proxied;
    return undici.fetch(input as Parameters<Undici['fetch']>[0], { ...(init as object), dispatcher } as Parameters<Undici['fetch']>[1]) as unknown as Promise<Response>;
  };
  return guardChatStreams(base);
}
