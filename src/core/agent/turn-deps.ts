// Everything a turn needs from the engine: ports, settings, and the shared cost/audit machinery.
import type { Cost, EngineSettings } from '../../protocol';
import type { AuditLog } from '../audit/types';
import type { LedgerStore, Pricer } from '../cost/types';
import type { ModelClient } from '../model/types';
import type { EngineClient } from '../engine/engine-client';
import type { PatchManager } from '../patches/patch-manager';
import type { McpServers } from '../ports/mcp';
import type { Shell } from '../ports/shell';
import type { Clock, Hasher, IdSource, Logger } from '../ports/system';
import type { Workspace } from '../ports/workspace';

export interface TurnDeps {
  settings(): EngineSettings;
  workspace: Workspace;
  shell: Shell;
  mcp: McpServers;
  clock: Clock;
  ids: IdSource;
  hasher: Hasher;
  logger: Logger;
  audit: AuditLog;
  pricer: Pricer;
  ledger: LedgerStore;
  client: EngineClient;
  patches: PatchManager;
  /** Spent today (UTC) across threads, and adding to it. */
  dayCost(): Cost;
  addToDay(cost: Cost): void;
  /** Who the engine acts as on this client (STS ARN, Entra account, key fingerprint), for the audit log. */
  identityOf(client: ModelClient): Promise<string | undefined>;
  /** False when nobody can answer an approval (crosswind exec). */
  interactive: boolean;
  /** For backoff jitter; tests make it deterministic. */
  random?: () => number;
}
