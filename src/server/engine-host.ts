// Builds the engine for the editor: its ports over the language-server connection (documents, edits,
// approvals, secrets) and the Node host adapters (files, shell, thread and ledger storage, audit log).
import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { HashChainAuditLog } from '../core/audit/audit-log';
import type { EngineClient } from '../core/engine/engine-client';
import { Engine } from '../core/engine/engine';
import type { SecretSource } from '../core/ports/system';
import { auditHeadPath, FileAuditHead, FileAuditSink } from '../host/audit-file';
import { FsWorkspace } from '../host/fs-workspace';
import { registerEnvironmentSecrets } from '../host/secret-env';
import { JsonlThreadStore } from '../host/jsonl-thread-store';
import { FileLedgerStore } from '../host/ledger-file';
import { nodeHasher } from '../host/node-hasher';
import { NodeShell } from '../host/node-shell';
import { createLogger, randomIds, systemClock } from '../host/system';
import { AUDIT_KEY_SECRET_ID, type ProviderProfile } from '../protocol';
import { apiKeySecretId, registerSecret } from '../shared';
import { ProviderModelClientFactory } from '../providers/factory';
import { DocumentWorkspace } from './document-workspace';
import { sendClientRequest, sendNotification } from './rpc';

export interface EngineHostOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  root: string;
  /** The workspace's storage folder (threads, audit log). */
  storageDir: string;
  /** Shared across workspaces (the spend ledger, so a daily budget counts every window). */
  globalStorageDir?: string;
  auditLogPath?: string;
  ripgrepPath?: string;
  proxyUrl?: string;
}

export interface EngineHost {
  engine: Engine;
  auditLogPath: string;
  auditKey(): Promise<string | undefined>;
  /**
   * Fetches the API keys the profiles use, so they are redacted from the first prompt on — a key the user
   * pastes before the provider was ever called (which is when a key is otherwise first fetched).
   */
  learnSecrets(profiles: ProviderProfile[]): Promise<void>;
}

export function createEngineHost(opts: EngineHostOptions): EngineHost {
  const { connection } = opts;
  const logger = createLogger((level, line) => {
    if (level === 'error') connection.console.error(line);
    else if (level === 'warn') connection.console.warn(line);
    else if (level === 'info') connection.console.info(line);
    else connection.console.log(line);
  });
  const client: EngineClient = {
    notify: (method, params) => sendNotification(connection, method, params),
    request: (method, params) => sendClientRequest(connection, method, params),
  };
  // Keys and tokens come from the editor (SecretStorage, Microsoft sign-in) and are never stored here.
  const secrets: SecretSource = {
    getSecret: async (secretId) => {
      const { value } = await client.request('auth/secret', { secretId });
      registerSecret(value);
      return value ?? undefined;
    },
    getAccessToken: async (scopes, tenantId) => {
      const r = await client.request('auth/token', { scopes, ...(tenantId ? { tenantId } : {}) });
      registerSecret(r.token);
      return r;
    },
  };
  registerEnvironmentSecrets(process.env);
  const disk = new FsWorkspace(opts.root, opts.ripgrepPath ? { ripgrepPath: opts.ripgrepPath } : {});
  const auditLogPath = opts.auditLogPath ?? path.join(opts.storageDir, 'audit.jsonl');
  // Fetched once; a failure leaves the log unkeyed for this engine rather than stopping it.
  let auditKey: Promise<string | undefined> | undefined;
  const getAuditKey = () => (auditKey ??= secrets.getSecret(AUDIT_KEY_SECRET_ID).catch(() => undefined));
  const audit = new HashChainAuditLog({
    key: getAuditKey,
    sink: new FileAuditSink(auditLogPath),
    head: new FileAuditHead(auditHeadPath(auditLogPath)),
    hasher: nodeHasher,
    clock: systemClock,
    where: auditLogPath,
  });
  const engineFiles = [opts.storageDir, ...(opts.globalStorageDir ? [opts.globalStorageDir] : []), auditLogPath, auditHeadPath(auditLogPath)];
  const engine = new Engine({
    workspace: new DocumentWorkspace(disk, opts.documents, connection),
    shell: new NodeShell(process.env, { engineFiles }),
    store: new JsonlThreadStore(path.join(opts.storageDir, 'threads')),
    ledger: new FileLedgerStore(path.join(opts.globalStorageDir ?? opts.storageDir, 'ledger.jsonl')),
    audit,
    clock: systemClock,
    ids: randomIds,
    hasher: nodeHasher,
    logger,
    client,
    models: new ProviderModelClientFactory({
      env: process.env,
      logger,
      clock: systemClock,
      secrets,
      ...(opts.proxyUrl ? { proxyUrl: opts.proxyUrl } : {}),
    }),
  });
  const learnSecrets = async (profiles: ProviderProfile[]) => {
    const ids = new Set(profiles.map(apiKeySecretId).filter((id): id is string => !!id));
    await Promise.all([...ids].map((id) => secrets.getSecret(id).catch(() => undefined)));
  };
  return { engine, auditLogPath, auditKey: getAuditKey, learnSecrets };
}
