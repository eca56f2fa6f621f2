// Builds the engine for the editor: its ports over the language-server connection (documents, edits,
// approvals, secrets) and the Node host adapters (files, shell, thread and ledger storage, audit log).
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineClient } from '../core/engine/engine-client';
import type { Engine } from '../core/engine/engine';
import type { SecretSource } from '../core/ports/system';
import { createNodeEngine } from '../host/node-engine';
import { registerEnvironmentSecrets } from '../host/secret-env';
import { createLogger, systemClock } from '../host/system';
import { AUDIT_KEY_SECRET_ID, type ProviderProfile } from '../protocol';
import { apiKeySecretId, registerSecret } from '../shared';
import { ProviderModelClientFactory } from '../providers/factory';
import { DocumentWorkspace } from './document-workspace';
import { sendClientRequest, sendNotification } from './rpc';

export interface EngineHostOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  root: string;
  /** The folders of a multi-root workspace (root is the first's), each with its name. */
  folders?: readonly { name: string; root: string }[];
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
  // Fetched once; a failure leaves the log unkeyed for this engine rather than stopping it.
  let auditKey: Promise<string | undefined> | undefined;
  const getAuditKey = () => (auditKey ??= secrets.getSecret(AUDIT_KEY_SECRET_ID).catch(() => undefined));
  const { engine, auditLogPath } = createNodeEngine({
    root: opts.root,
    ...(opts.folders ? { folders: opts.folders } : {}),
    stateDir: opts.storageDir,
    // In the workspace's storage folder: out of the workspace, and hidden from commands with the rest of it.
    // Checkpoints name files by folder when there are several: each set of folders has a store of its own.
    checkpointsDir: path.join(opts.storageDir, opts.folders && opts.folders.length > 1 ? `checkpoints-${folderSetId(opts.folders)}` : 'checkpoints'),
    ...(opts.globalStorageDir ? { ledgerDir: opts.globalStorageDir } : {}),
    ...(opts.auditLogPath ? { auditLogPath: opts.auditLogPath } : {}),
    auditKey: getAuditKey,
    env: process.env,
    ...(opts.ripgrepPath ? { ripgrepPath: opts.ripgrepPath } : {}),
    wrap: { workspace: (disk) => new DocumentWorkspace(disk, opts.documents, connection) },
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

/** A short stable id of a folder set (names and paths, in order). */
function folderSetId(folders: readonly { name: string; root: string }[]): string {
  return createHash('sha256')
    .update(folders.map((f) => `${f.name}\0${f.root}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
}
