// What every provider adapter is given by its host (the engine server or the CLI).
import type { Logger, SecretSource } from '../core/ports/system';
import type { Clock } from '../core/ports/system';

export interface ProviderDeps {
  /** The process environment as the cloud SDKs should see it (AWS_*, AZURE_*, OPENAI_*, HOME, proxies). */
  env: Record<string, string | undefined>;
  logger: Logger;
  clock: Clock;
  /** SecretStorage and VS Code's Microsoft sign-in, in the editor; absent in the CLI. */
  secrets?: SecretSource;
  /** An HTTP(S) proxy URL (VS Code's `http.proxy`, else HTTPS_PROXY/HTTP_PROXY from env). */
  proxyUrl?: string;
  /** Remembers per-endpoint facts (e.g. whether an Azure resource has the v1 API) across requests. */
  memo?: Map<string, unknown>;
}
