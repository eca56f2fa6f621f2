// The engine as its own process (src/server/server.ts over stdio, as engine-server.test.ts starts it),
// with the editor's side played by the test: it applies `workspace/applyEdit` to the files on disk (no
// document is open, so that is what VS Code would do), saves, answers command approvals, reviews the
// patches a turn waits on (patch/apply or patch/reject, as the editor's views do), and hands out
// SecretStorage values. Everything the engine sends the editor is kept — notifications (the webview's
// feed), its log (window/logMessage), its stderr — so a test can look for what must never appear there.
// kill() is SIGKILL: nothing is flushed, nothing is shut down.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApprovalDecision, EngineNotification, EngineSettings } from '../../src/protocol';
import { PatchReviewer } from './patch-reviewer';

const ROOT = path.resolve(__dirname, '../..');

export interface EngineProcessOptions {
  workspace: string;
  storage: string;
  env: Record<string, string>;
  /** Answers a command approval, or the review of a patch ('patch': accept applies it, anything else rejects it). */
  approve?: (method: string, params: unknown) => ApprovalDecision;
  /** SecretStorage: what `auth/secret` answers. */
  secrets?: Record<string, string>;
}

interface Edit {
  documentChanges?: Array<
    | { kind: 'create' | 'delete'; uri: string }
    | { textDocument: { uri: string }; edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] }
  >;
}

/** What VS Code does with the engine's WorkspaceEdit when none of the files is open: edit them on disk. */
function applyEdit(edit: Edit): { applied: boolean; failureReason?: string } {
  try {
    for (const c of edit.documentChanges ?? []) {
      if ('kind' in c) {
        const file = fileURLToPath(c.uri);
        if (c.kind === 'create') {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, '', { flag: 'wx' });
        } else fs.unlinkSync(file);
        continue;
      }
      const file = fileURLToPath(c.textDocument.uri);
      const doc = TextDocument.create(c.textDocument.uri, 'plaintext', 0, fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, TextDocument.applyEdits(doc, c.edits));
    }
    return { applied: true };
  } catch (e) {
    return { applied: false, failureReason: e instanceof Error ? e.message : String(e) };
  }
}

export class EngineProcess {
  readonly notifications: { method: string; params: unknown }[] = [];
  /** window/logMessage text and stderr lines. */
  readonly logs: string[] = [];
  readonly exited: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly rpc: MessageConnection,
  ) {
    this.exited = new Promise((r) => child.once('exit', () => r()));
  }

  static async start(opts: EngineProcessOptions): Promise<EngineProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server/server.ts'), '--stdio'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...opts.env, HOME: opts.storage },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const rpc = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const p = new EngineProcess(child, rpc);
    child.stderr!.on('data', (d: Buffer) => p.logs.push(d.toString('utf8')));
    const reviewer = new PatchReviewer(
      (request) => opts.approve?.('patch', request) ?? 'accept',
      {
        apply: (threadId, patchId) => rpc.sendRequest('patch/apply', { threadId, patchId }),
        reject: (threadId, patchId) => rpc.sendRequest('patch/reject', { threadId, patchId }),
      },
      () => undefined,
    );
    rpc.onNotification((method, params) => {
      if (method === 'window/logMessage') p.logs.push(String((params as { message?: unknown }).message));
      else {
        p.notifications.push({ method, params });
        reviewer.onEvent({ method, params } as EngineNotification);
      }
    });
    rpc.onRequest('window/workDoneProgress/create', () => null);
    rpc.onRequest('workspace/applyEdit', (params: { edit: Edit }) => applyEdit(params.edit));
    rpc.onRequest('document/save', (params: { paths: string[] }) => ({ saved: params.paths }));
    rpc.onRequest('auth/secret', (params: { secretId: string }) => ({ value: opts.secrets?.[params.secretId] ?? null }));
    rpc.onRequest('item/command/requestApproval', (params: unknown) => ({ decision: opts.approve?.('item/command/requestApproval', params) ?? 'accept' }));
    rpc.onRequest((method) => {
      throw new Error(`unexpected request ${method}`);
    });
    rpc.onError(() => undefined);
    rpc.onClose(() => undefined);
    rpc.listen();
    await rpc.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { window: { workDoneProgress: true } },
      initializationOptions: { workspaceRoot: opts.workspace, storagePath: opts.storage },
    });
    await rpc.sendNotification('initialized', {});
    return p;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.rpc.sendRequest(method, params) as Promise<T>;
  }

  settings(settings: EngineSettings): Promise<unknown> {
    return this.request('settings/update', { settings });
  }

  /** Notifications of one method, their params. */
  of<T = Record<string, unknown>>(method: string): T[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params as T);
  }

  /** SIGKILL, as when the window reloads or the process crashes. */
  async kill(): Promise<void> {
    this.rpc.dispose();
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean stop (LSP shutdown, then the process ends). */
  async stop(): Promise<void> {
    await Promise.race([this.request('shutdown', null).catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    await this.kill();
  }
}
