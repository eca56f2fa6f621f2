// The engine for `crosswind exec`: the same Engine the editor drives, over the Node host adapters — the
// files of a folder, a real shell, thread/ledger/audit files in the CLI's state folder.
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { HashChainAuditLog } from '../core/audit/audit-log';
import type { PriceLayer } from '../core/cost/price-table';
import type { EngineClient } from '../core/engine/engine-client';
import type { Engine } from '../core/engine/engine';
import type { ModelClientFactory } from '../core/model/types';
import { ensureAuditKey } from '../host/audit-key';
import { createNodeEngine } from '../host/node-engine';
import { registerEnvironmentSecrets } from '../host/secret-env';
import { createLogger } from '../host/system';
import { ProviderModelClientFactory } from '../providers/factory';
import { createCliProviderDeps } from './provider-deps';
import { CLI_VERSION } from './version';
import { auditKeyPath, checkpointsDir, cliStateDir } from './state-dir';

export interface CliEngineOptions {
  cwd: string;
  /** More folders beside cwd (`--add-dir`): a multi-root workspace, each folder named by its base name. */
  addedDirs?: readonly string[];
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

/** The engine over a plain folder and the CLI's state folder (src/host/node-engine.ts builds it). */
export function createCliEngine(opts: CliEngineOptions): CliEngine {
  registerEnvironmentSecrets(opts.env);
  const stateDir = cliStateDir(opts.env);
  const keyPath = auditKeyPath(opts.env);
  const { engine, auditLogPath, audit } = createNodeEngine({
    root: opts.cwd,
    ...(opts.addedDirs?.length ? { folders: [opts.cwd, ...opts.addedDirs].map((root) => ({ name: path.basename(root), root })) } : {}),
    stateDir,
    checkpointsDir: checkpointsDir(opts.env, opts.cwd, opts.addedDirs),
    ...(opts.auditLogPath ? { auditLogPath: opts.auditLogPath } : {}),
    auditKey: () => ensureAuditKey(keyPath),
    extraEngineFiles: [path.dirname(keyPath)],
    env: opts.env,
    logger: createLogger((level, line) => opts.stderr.write(`crosswind: ${level}: ${line}\n`), opts.verbose ? 'debug' : 'warn'),
    client: opts.client,
    models: opts.models ?? cliModelClients(opts.env, opts.stderr),
    ...(opts.priceLayers ? { priceLayers: opts.priceLayers } : {}),
    interactive: false,
    version: CLI_VERSION,
  });
  return { engine, stateDir, auditLogPath, audit };
}
