// The one place an Engine is built over the Node host adapters: the editor's engine process
// (src/server/engine-host.ts), the CLI (src/cli/cli-engine.ts) and the in-process test harnesses all come
// here, and what differs between them is an option — so a new port or a new default reaches every front
// end at once. The model clients are passed in: src/host does not know the providers.
import path from 'node:path';
import { HashChainAuditLog } from '../core/audit/audit-log';
import type { AuditLog } from '../core/audit/types';
import type { PriceLayer } from '../core/cost/price-table';
import type { LedgerStore } from '../core/cost/types';
import type { EngineClient } from '../core/engine/engine-client';
import { Engine } from '../core/engine/engine';
import type { ModelClientFactory } from '../core/model/types';
import type { Shell } from '../core/ports/shell';
import type { Clock, Logger } from '../core/ports/system';
import type { Workspace } from '../core/ports/workspace';
import type { ThreadStore } from '../core/threads/records';
import { auditHeadPath, FileAuditHead, FileAuditSink } from './audit-file';
import { FsCheckpointStore } from './checkpoints/fs-checkpoint-store';
import { withFailpoints } from './failpoints';
import { nodeTransactionFs } from './fs-transaction';
import { folderWorkspace } from './multi-root-workspace';
import { JsonlThreadStore } from './jsonl-thread-store';
import { NodeMcpServers } from './mcp/node-mcp-servers';
import { FileLedgerStore } from './ledger-file';
import { nodeHasher } from './node-hasher';
import { NodeShell } from './node-shell';
import { randomIds, systemClock } from './system';

/** Wraps a port before the engine gets it (the editor's open documents over the disk; fault injection). */
export interface PortWrappers {
  workspace?(disk: Workspace): Workspace;
  shell?(shell: Shell): Shell;
  store?(store: ThreadStore): ThreadStore;
  ledger?(ledger: LedgerStore): LedgerStore;
  audit?(audit: AuditLog): AuditLog;
}

export interface NodeEngineOptions {
  /** The folder the agent reads and patches (the first, when there are several). */
  root: string;
  /**
   * A multi-root workspace: every folder, `root`'s first, each with its name (made unique in order). Paths
   * then start with the folder's name; without it (or with one folder) the workspace is `root` alone.
   */
  folders?: readonly { name: string; root: string }[];
  /** The engine's own folder: threads/, and ledger.jsonl and audit.jsonl unless placed elsewhere. */
  stateDir: string;
  /** Where ledger.jsonl goes (the editor: its global storage, so a daily budget counts every window). */
  ledgerDir?: string;
  /** Where the workspace's checkpoints are kept (outside the workspace); without it turns take none. */
  checkpointsDir?: string;
  /** Default: audit.jsonl in stateDir. */
  auditLogPath?: string;
  /** The audit log's HMAC key; without one the chain is unkeyed. */
  auditKey?: () => Promise<string | undefined>;
  /** The environment commands run with (less the cloud credentials, see NodeShell). */
  env: NodeJS.ProcessEnv;
  client: EngineClient;
  models: ModelClientFactory;
  logger: Logger;
  /** ripgrep to search with; undefined = `rg` on PATH; null = never (the JavaScript walker). */
  ripgrepPath?: string | null;
  /** More of the engine's files a sandboxed command must not read (the CLI's audit key folder). */
  extraEngineFiles?: string[];
  /** False: the sandbox does not hide the engine's files (test harnesses whose HOME is in stateDir). */
  hideEngineFiles?: boolean;
  clock?: Clock;
  random?: () => number;
  /** Prices over the shipped table and crosswind.pricing (`crosswind exec --pricing FILE`). */
  priceLayers?: PriceLayer[];
  /** False when nobody can answer an approval (crosswind exec); default true. */
  interactive?: boolean;
  /** The version MCP servers are told the client has. */
  version?: string;
  wrap?: PortWrappers;
}

export interface NodeEngine {
  engine: Engine;
  auditLogPath: string;
  /** The engine's audit log (unwrapped), for a front end's own records in the same chain (a cloud task's identity). */
  audit: HashChainAuditLog;
}

export function createNodeEngine(o: NodeEngineOptions): NodeEngine {
  const clock = o.clock ?? systemClock;
  const auditLogPath = o.auditLogPath ?? path.join(o.stateDir, 'audit.jsonl');
  const engineFiles = [o.stateDir, ...(o.ledgerDir ? [o.ledgerDir] : []), auditLogPath, auditHeadPath(auditLogPath), ...(o.extraEngineFiles ?? [])];
  const wrap = o.wrap ?? {};
  // CROSSWIND_FAILPOINT (crash tests only) can kill the process between a transaction's renames.
  const transactionFs = withFailpoints(nodeTransactionFs, o.env);
  const disk = folderWorkspace(o.folders && o.folders.length > 1 ? o.folders : [{ name: '', root: o.root }], {
    transactionFs,
    ...(o.ripgrepPath !== undefined ? { ripgrepPath: o.ripgrepPath } : {}),
  });
  const shell = new NodeShell(o.env, o.hideEngineFiles === false ? {} : { engineFiles });
  const store = new JsonlThreadStore(path.join(o.stateDir, 'threads'));
  const ledger = new FileLedgerStore(path.join(o.ledgerDir ?? o.stateDir, 'ledger.jsonl'));
  const audit = new HashChainAuditLog({
    sink: new FileAuditSink(auditLogPath),
    head: new FileAuditHead(auditHeadPath(auditLogPath)),
    hasher: nodeHasher,
    clock,
    where: auditLogPath,
    ...(o.auditKey ? { key: o.auditKey } : {}),
  });
  const engine = new Engine({
    workspace: wrap.workspace ? wrap.workspace(disk) : disk,
    ...(o.checkpointsDir ? { checkpoints: new FsCheckpointStore(disk.folders, o.checkpointsDir) } : {}),
    shell: wrap.shell ? wrap.shell(shell) : shell,
    store: wrap.store ? wrap.store(store) : store,
    ledger: wrap.ledger ? wrap.ledger(ledger) : ledger,
    audit: wrap.audit ? wrap.audit(audit) : audit,
    clock,
    ids: randomIds,
    hasher: nodeHasher,
    logger: o.logger,
    client: o.client,
    models: o.models,
    ...(o.priceLayers ? { priceLayers: o.priceLayers } : {}),
    ...(o.random ? { random: o.random } : {}),
    ...(o.interactive !== undefined ? { interactive: o.interactive } : {}),
    // Configured from the settings (mcpServers): none until the front end sends some.
    mcp: new NodeMcpServers({
      root: disk.folders[0]!.root,
      roots: disk.folders.map((f) => f.root),
      env: o.env,
      clientVersion: o.version ?? 'dev',
      // Servers run in the command sandbox (with the network): the same confinement as a command.
      launch: (command, cwd, roots, env) => shell.wrapServer(command, cwd, roots, env),
      // OAuth sign-ins go through the front end: the editor asks the user and keeps the tokens in
      // SecretStorage; the CLI answers that it cannot open a browser.
      oauth: {
        authorize: (server, url) => o.client.request('mcp/authorize', { server, url }),
        load: async (key) => (await o.client.request('mcp/oauthLoad', { key })).value,
        save: async (key, value) => void (await o.client.request('mcp/oauthSave', { key, value })),
      },
    }),
  });
  return { engine, auditLogPath, audit };
}
