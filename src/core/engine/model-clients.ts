// The engine's model clients: one per provider profile as the settings describe it (made again when the
// settings change), the chain a thread's turns use (its profile, then that profile's fallbacks), and who
// each client acts as, for the audit log.
import type { ProviderProfile } from '../../protocol';
import { EngineError } from '../../shared/engine-error';
import type { ModelClient, ModelClientFactory } from '../model/types';
import { CancellationSource } from '../ports/cancellation';
import type { Clock } from '../ports/system';

/** How long a request waits for its client's identity before it is audited without one. */
const IDENTITY_TIMEOUT_MS = 3000;

export class ModelClients {
  private readonly clients = new Map<string, ModelClient>();
  /** Weak: the clients of replaced settings (clear()) must not be kept alive by their identity. */
  private readonly identities = new WeakMap<ModelClient, Promise<string | undefined>>();
  /** Identity lookups still under way, aborted by shutdown(). */
  private readonly identityLookups = new Set<CancellationSource>();

  constructor(
    private readonly factory: ModelClientFactory,
    private readonly clock: Clock,
    private readonly profiles: () => readonly ProviderProfile[],
  ) {}

  /** The settings changed: clients are made again from the new profiles. */
  clear(): void {
    this.clients.clear();
  }

  shutdown(): void {
    for (const lookup of this.identityLookups) lookup.cancel();
  }

  profile(name: string | undefined): ProviderProfile {
    const profile = name ? this.profiles().find((p) => p.name === name) : undefined;
    if (profile) return profile;
    throw new EngineError({
      kind: 'configuration',
      message: name ? `No provider profile named '${name}'.` : 'No provider is selected.',
      fix: 'Run "Crosswind: Select Provider…" (or pass --provider to crosswind exec).',
    });
  }

  /** The thread's profile, then its fallbacks (each once, unknown names skipped). */
  chainFor(name: string | undefined): ModelClient[] {
    const first = this.profile(name);
    const seen = new Set([first.name]);
    const chain = [this.client(first)];
    for (const f of first.fallbacks) {
      const p = this.profiles().find((x) => x.name === f);
      if (!p || seen.has(p.name)) continue;
      seen.add(p.name);
      chain.push(this.client(p));
    }
    return chain;
  }

  client(profile: ProviderProfile): ModelClient {
    const key = JSON.stringify(profile);
    let c = this.clients.get(key);
    if (!c) {
      c = this.factory.create(profile);
      this.clients.set(key, c);
    }
    return c;
  }

  /**
   * Who the audit log says made a request: looked up once per client, waited for at most
   * IDENTITY_TIMEOUT_MS per request. The wait's timer is cancelled as soon as the lookup answers — a timer
   * left running kept `crosswind exec` alive for three seconds after its turn — and shutdown() aborts a
   * lookup still under way.
   */
  identityOf(client: ModelClient): Promise<string | undefined> {
    let lookup = this.identities.get(client);
    if (!lookup) {
      const abort = new CancellationSource();
      this.identityLookups.add(abort);
      // auditIdentity: a stand-in (access key id, API key's last four) when the identity service is
      // unreachable; it bounds its own wait with an unref'd timer.
      const principal = client.auditIdentity ? client.auditIdentity() : client.whoami(abort.signal).then((id) => id.principal);
      lookup = principal
        .then(
          (p): string | undefined => p,
          () => undefined,
        )
        .finally(() => this.identityLookups.delete(abort));
      this.identities.set(client, lookup);
    }
    const stopWaiting = new CancellationSource();
    const timeout = this.clock.sleep(IDENTITY_TIMEOUT_MS, stopWaiting.signal).then(
      () => undefined,
      () => undefined,
    );
    return Promise.race([lookup, timeout]).finally(() => stopWaiting.cancel());
  }
}
