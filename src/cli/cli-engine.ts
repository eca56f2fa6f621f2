// The engine for `crosswind exec`: the same Engine the editor drives, over the Node host adapters — the
// files of a folder, a real shell, thread/ledger/audit files in the CLI's state folder.
import path from 'node:path';
import type { Writable } from 'node:stream';
import { HashChainAuditLog } from '../core/audit/audit-log';
import type { PriceLayer } from '../core/cost/price-table';
import type { EngineClient } from '../core/engine/engine-client';
import type { ModelClientFactory } from '../core/model/types';
import { Engine } from '../core/engine/engine';
import { auditHeadPath, FileAuditHead, FileAuditSink } from '../host/audit-file';
import { ensureAuditKey } from '../host/audit-key';
import { FsWorkspace } from '../host/fs-workspace';
import { registerEnvironmentSecrets } from '../host/secret-env';
import { JsonlThreadStore } from '../host/jsonl-thread-store';
import { FileLedgerStore } from '../host/ledger-file';
import { nodeHasher } from '../host/node-hasher';
import { NodeShell } from '../host/node-shell';
import { createLogger, randomIds, systemClock } from '../host/system';
import { ProviderModelClientFactory } from '../providers/factory';
import { createCliProviderDeps } from './provider-deps';
import { auditKeyPath, cliStateDir } from './state-dir';

export interface CliEngineOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderr: Writable;
  client: EngineClient;
  auditLogPath?: string;
  priceLayers?: PriceLayer[];
  verbose?: boolean;
  /** The model clients (default: the provider adapters over the CLI's environment). */
  models?: ModelClientFactory;
}

/** The provider adapters over the CLI's environment, warnings and errors on stderr. */
export function cliModelClients(env: NodeJS.ProcessEnv, stderr: Writable): ModelClientFactory {
  return new ProviderModelClientFactory(createCliProviderDeps(env, stderr));
}

export interface CliEngine {
  engine: Engine;
  stateDir: string;
  auditLogPath: string;
  /** The engine's audit log, for a front end's own records in the same chain (a cloud task's identity). */
  audit: HashChainAuditLog;
}

export function createCliEngine(opts: CliEngineOptions): CliEngine {
  registerEnvironmentSecrets(opts.env);
  const stateDir = cliStateDir(opts.env);
  const auditLogPath = opts.auditLogPath ?? path.join(stateDir, 'audit.jsonl');
  const keyPath = auditKeyPath(opts.env);
  const logger = createLogger((level, line) => opts.stderr.write(`crosswind: ${level}: ${line}\n`), opts.verbose ? 'debug' : 'warn');
  const audit = new HashChainAuditLog({
    sink: new FileAuditSink(auditLogPath),
    head: new FileAuditHead(auditHeadPath(auditLogPath)),
    hasher: nodeHasher,
    clock: systemClock,
    where: auditLogPath,
    key: () => ensureAuditKey(keyPath),
  });
  const engine = new Engine({
    workspace: new FsWorkspace(opts.cwd),
    shell: new NodeShell(opts.env, { engineFiles: [stateDir, auditLogPath, auditHeadPath(auditLogPath), path.dirname(keyPath)] }),
    store: new JsonlThreadStore(path.join(stateDir, 'threads')),
    ledger: new FileLedgerStore(path.join(stateDir, 'ledger.jsonl')),
    audit,
    clock: systemClock,
    ids: randomIds,
    hasher: nodeHasher,
    logger,
    client: opts.client,
    models: opts.models ?? cliModelClients(opts.env, opts.stderr),
    ...(opts.priceLayers ? { priceLayers: opts.priceLayers } : {}),
    interactive: false,
  });
  return { engine, stateDir, auditLogPath, audit };
}
