// How the Bedrock clients reach AWS: endpoint overrides (VPC endpoints, test servers) and the HTTPS proxy
// (cancellation: src/providers/abort-link.ts).
//
// Transport: without a proxy, bedrock-runtime keeps the SDK's default HTTP/2 handler. A proxy needs
// an http.Agent (https-proxy-agent), which only the HTTP/1.1 handler accepts, so with a proxy every
// client uses NodeHttpHandler and the agent (CONNECT tunnel to the endpoint).
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { BedrockProfile } from '../../protocol';
import type { ProviderDeps } from '../deps';

type Env = Record<string, string | undefined>;

export interface BedrockEndpoints {
  /** bedrock-runtime (ConverseStream): the profile's endpoint, else AWS_ENDPOINT_URL_BEDROCK_RUNTIME. */
  runtime?: string;
  /** The control plane (ListFoundationModels, GetInferenceProfile): the profile's controlEndpoint, else AWS_ENDPOINT_URL_BEDROCK. */
  control?: string;
  /** STS (GetCallerIdentity): the profile's stsEndpoint, else AWS_ENDPOINT_URL_STS. */
  sts?: string;
}

/**
 * Endpoint overrides, read from the host's environment with the names the AWS SDK itself honours
 * (AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL). Passing them explicitly keeps the host's
 * environment authoritative even when it is not process.env.
 */
export function bedrockEndpoints(profile: BedrockProfile, env: Env): BedrockEndpoints {
  const ignore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true';
  const pick = (name: string) => (ignore ? undefined : env[name] || env.AWS_ENDPOINT_URL || undefined);
  const runtime = profile.endpoint ?? pick('AWS_ENDPOINT_URL_BEDROCK_RUNTIME');
  const control = profile.controlEndpoint ?? pick('AWS_ENDPOINT_URL_BEDROCK');
  const sts = profile.stsEndpoint ?? pick('AWS_ENDPOINT_URL_STS');
  return {
    ...(runtime ? { runtime } : {}),
    ...(control ? { control } : {}),
    ...(sts ? { sts } : {}),
  };
}

/** NO_PROXY: "*", host names (a leading dot or not: suffix match), optionally with a port. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy.split(/[\s,]+/).filter(Boolean).some((raw) => {
    const entry = raw.toLowerCase();
    if (entry === '*') return true;
    const [entryHost, entryPort] = entry.split(':') as [string, string | undefined];
    if (entryPort && entryPort !== port) return false;
    const bare = entryHost.replace(/^\*?\./, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/** The proxy for `target`: VS Code's http.proxy (deps.proxyUrl), else HTTPS_PROXY/HTTP_PROXY, minus NO_PROXY. */
export function proxyFor(target: string, deps: ProviderDeps): string | undefined {
  const env = deps.env;
  const proxy = deps.proxyUrl || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return undefined;
  return bypassesProxy(new URL(target), env.NO_PROXY ?? env.no_proxy) ? undefined : proxy;
}

/** An HTTP/1.1 handler tunnelling through `proxyUrl`. */
export function proxiedHandler(proxyUrl: string): NodeHttpHandler {
  const agent = new HttpsProxyAgent(proxyUrl, { keepAlive: true });
  return new NodeHttpHandler({ httpAgent: agent, httpsAgent: agent, connectionTimeout: 15_000 });
}

/** The URL a client will call, for proxy decisions. */
export function endpointUrl(override: string | undefined, service: 'bedrock-runtime' | 'bedrock' | 'sts', region: string): string {
  return override ?? `https://${service}.${region}.amazonaws.com`;
}
