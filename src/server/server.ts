// The engine process: hosts src/core behind a language-server connection (started by the extension with
// vscode-languageclient over Node IPC). Open documents are synced here so the agent sees unsaved buffers;
// approved patches land through workspace/applyEdit; long work shows as $/progress; diagnostics get a
// "Fix with Crosswind" code action. Everything else is the custom protocol of src/protocol.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createConnection,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toErrorInfo } from '../core/engine/errors';
import { initializeResult } from './capabilities';
import { fixWithCrosswindActions } from './code-actions';
import { createEngineHost, type EngineHost } from './engine-host';
import { requestHandlers } from './handlers';
import type { HandlerContext } from './handlers/handler';
import { EngineInitOptions, type EngineRequestMethod } from '../protocol';
import { onEngineRequest, sendNotification } from './rpc';
import { CloudTasks } from './cloud/cloud-tasks';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let host: EngineHost | undefined;
let cloud: CloudTasks | undefined;

function workspaceRootOf(params: InitializeParams, opts: EngineInitOptions): string {
  if (opts.workspaceRoot) return opts.workspaceRoot;
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  if (uri?.startsWith('file:')) return fileURLToPath(uri);
  return process.cwd();
}

connection.onInitialize((params) => {
  // Sent by the extension (src/extension/engine/init-options.ts), checked against the same schema.
  const parsed = EngineInitOptions.safeParse(params.initializationOptions ?? {});
  if (!parsed.success) return new ResponseError(ErrorCodes.InvalidParams, `Invalid initialization options: ${parsed.error.message}`);
  const opts = parsed.data;
  // Set before anything reads them: the provider SDKs and the secret registration below.
  for (const [name, value] of Object.entries(opts.cloudEnvironment ?? {})) process.env[name] = value;
  const folders = opts.workspaceFolders && opts.workspaceFolders.length > 1 ? opts.workspaceFolders.map((f) => ({ name: f.name, root: f.path })) : undefined;
  const root = folders ? folders[0]!.root : workspaceRootOf(params, opts);
  host = createEngineHost({
    connection,
    documents,
    root,
    ...(folders ? { folders } : {}),
    storageDir: opts.storagePath ?? path.join(root, '.crosswind'),
    ...(opts.globalStoragePath ? { globalStorageDir: opts.globalStoragePath } : {}),
    ...(opts.auditLogPath ? { auditLogPath: opts.auditLogPath } : {}),
    ...(opts.ripgrepPath ? { ripgrepPath: opts.ripgrepPath } : {}),
    ...(opts.proxyUrl ? { proxyUrl: opts.proxyUrl } : {}),
  });
  const storageDir = opts.storagePath ?? path.join(root, '.crosswind');
  cloud = new CloudTasks({ engine: host.engine, root, ...(folders ? { folderName: folders[0]!.name } : {}), storageDir, env: process.env, notify: (task) => sendNotification(connection, 'cloudTask/updated', { task }) });
  const ctx: HandlerContext = {
    engine: host.engine,
    cloud,
    auditLogPath: host.auditLogPath,
    auditKey: host.auditKey,
    learnSecrets: host.learnSecrets,
    progress: async (title, work) => {
      const reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
      reporter?.begin(title, undefined, undefined, false);
      try {
        return await work();
      } finally {
        reporter?.done();
      }
    },
  };
  for (const method of Object.keys(requestHandlers) as EngineRequestMethod[]) bind(method, ctx);
  return initializeResult();
});

function bind<M extends EngineRequestMethod>(method: M, ctx: HandlerContext): void {
  const handle = requestHandlers[method];
  onEngineRequest(connection, method, (params) => handle(params, ctx), toErrorInfo);
}

connection.onInitialized(() => {
  host?.engine.init().catch((e: unknown) => connection.console.error(`Could not read today's spend: ${e instanceof Error ? e.message : String(e)}`));
});

connection.onCodeAction((params) => fixWithCrosswindActions(params));

connection.onShutdown(async () => {
  cloud?.shutdown();
  await host?.engine.shutdown();
});

documents.listen(connection);
connection.listen();

