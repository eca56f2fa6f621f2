// Who a Bedrock profile acts as: STS GetCallerIdentity through the same endpoint overrides and proxy as
// every other call (AWS_ENDPOINT_URL_STS, the profile's stsEndpoint: a VPC endpoint for STS), or the API
// key's last four characters. A failure says it was STS that failed, at which endpoint — not Bedrock.
// For the audit log, where an identity must never be missing, the access key id (never the secret)
// stands in when STS cannot answer.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ModelError, isModelError } from '../../core/model/errors';
import type { AbortSignalLike } from '../../core/ports/cancellation';
import type { BedrockProfile, Identity } from '../../protocol';
import type { ProviderDeps } from '../deps';
import { type BedrockAuth, credentialSource } from './credentials';
import { type ErrorContext, toModelError } from './error-mapping';
import { linkAbort } from '../abort-link';
import { endpointUrl, proxiedHandler, proxyFor } from './transport';

export interface IdentityDeps {
  profile: BedrockProfile;
  deps: ProviderDeps;
  auth: BedrockAuth;
  /** The STS endpoint override, if any. */
  stsEndpoint?: string;
  errorContext(aborted: boolean): Promise<ErrorContext>;
}

/** Rejects as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ModelError('cancelled', 'The identity check was cancelled.', { provider: 'bedrock' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class BedrockIdentity {
  private sts?: STSClient;
  private cached?: Promise<string>;

  constructor(private readonly d: IdentityDeps) {}

  /** The STS endpoint calls go to (for messages). */
  get stsUrl(): string {
    return endpointUrl(this.d.stsEndpoint, 'sts', this.d.profile.region);
  }

  private client(): STSClient {
    if (!this.sts) {
      const proxy = proxyFor(this.stsUrl, this.d.deps);
      this.sts = new STSClient({
        region: this.d.profile.region,
        credentials: this.d.auth.client.credentials,
        maxAttempts: 1,
        ...(this.d.stsEndpoint ? { endpoint: this.d.stsEndpoint } : {}),
        ...(proxy ? { requestHandler: proxiedHandler(proxy) } : {}),
      });
    }
    return this.sts;
  }

  /** STS (or the API key's fingerprint); throws a ModelError that names STS when STS fails. */
  async whoami(signal?: AbortSignalLike): Promise<Identity> {
    const link = linkAbort(signal);
    try {
      if (this.d.auth.kind === 'apiKey') {
        const key = await this.d.auth.resolveApiKey();
        return { provider: 'bedrock', principal: `Bedrock API key …${key.slice(-4)}`, source: 'apiKey' };
      }
      let credentials;
      try {
        credentials = await raceAbort(this.d.auth.resolveCredentials(), signal);
      } catch (error) {
        throw toModelError(error, { ...(await this.d.errorContext(Boolean(signal?.aborted))), modelId: undefined });
      }
      try {
        const me = await raceAbort(this.client().send(new GetCallerIdentityCommand({}), { abortSignal: link.signal }), signal);
        return { provider: 'bedrock', principal: me.Arn ?? 'unknown', ...(me.Account ? { account: me.Account } : {}), source: credentialSource(credentials) };
      } catch (error) {
        throw this.stsError(error, Boolean(signal?.aborted));
      }
    } finally {
      link.dispose();
    }
  }

  private stsError(error: unknown, aborted: boolean): ModelError {
    const mapped = isModelError(error) ? error : toModelError(error, { region: this.d.profile.region, auth: 'chain', aborted });
    if (mapped.kind === 'cancelled') return mapped;
    const host = new URL(this.stsUrl).host;
    const viaOverride = this.d.stsEndpoint ? '' : ' If this network reaches AWS only through VPC endpoints, set AWS_ENDPOINT_URL_STS (or the profile\'s stsEndpoint) to your STS endpoint.';
    return new ModelError(mapped.kind, `AWS STS (GetCallerIdentity at ${host}) failed, not Bedrock: ${mapped.message}`, {
      provider: 'bedrock',
      ...(mapped.fix || viaOverride ? { fix: `${mapped.fix ?? ''}${viaOverride}`.trim() } : {}),
      ...(mapped.fixCommand ? { fixCommand: mapped.fixCommand } : {}),
      ...(mapped.requestId ? { requestId: mapped.requestId } : {}),
      cause: error,
    });
  }

  /**
   * For the audit log: the STS caller ARN when STS answers, else "AWS access key AKIA…" (the id, never
   * the secret) or "Bedrock API key …1a2b". Asked once per client; never throws.
   */
  auditIdentity(): Promise<string> {
    this.cached ??= this.whoami(AbortSignal.timeout(3_000)).then(
      (id) => id.principal,
      async () => {
        if (this.d.auth.kind === 'apiKey') {
          const key = await this.d.auth.resolveApiKey().catch(() => undefined);
          return key ? `Bedrock API key …${key.slice(-4)}` : 'Bedrock API key (unreadable)';
        }
        const creds = await this.d.auth.resolveCredentials().catch(() => undefined);
        return creds ? `AWS access key ${creds.accessKeyId} (STS unreachable)` : 'AWS credentials (unresolved)';
      },
    );
    return this.cached;
  }
}
