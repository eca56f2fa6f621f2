// Answers the requests the engine sends to the editor: keys from SecretStorage, tokens from VS Code's
// Microsoft sign-in, MCP servers' OAuth sign-ins (after the user agrees) and their saved state, saving documents it edited, and command approvals (delegated to the ApprovalCenter). The
// audit log's key is created in SecretStorage the first time the engine asks for it.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { AUDIT_KEY_SECRET_ID, type ClientRequestHandlers } from '../../protocol';
import { registerSecret } from '../../shared';
import type { ApprovalCenter } from '../review/approval-center';
import { uriOfWorkspacePath } from './workspace-folders';

export function clientRequestHandlers(secrets: vscode.SecretStorage, approvals: ApprovalCenter): ClientRequestHandlers {
  return {
    'auth/secret': async ({ secretId }) => {
      const value = (await secrets.get(secretId)) ?? (secretId === AUDIT_KEY_SECRET_ID ? await createAuditKey(secrets) : null);
      registerSecret(value);
      return { value };
    },
    'auth/token': async ({ scopes, tenantId }) => {
      const all = tenantId ? [...scopes, `VSCODE_TENANT:${tenantId}`] : scopes;
      const session = await vscode.authentication.getSession('microsoft', all, { createIfNone: true });
      registerSecret(session.accessToken);
      return { token: session.accessToken, expiresAt: tokenExpiry(session.accessToken), account: session.account.label };
    },
    'document/save': async ({ paths }) => {
      const saved: string[] = [];
      // The engine names only files that held no unsaved change of the user's before its edit. Each is
      // saved by the workbench, which knows its dirty state: this extension host's `isDirty` can still be
      // false for an edit applied a moment ago, and skipping the save on it left the patch in the buffer
      // only, with the old text on disk for the next command to read.
      for (const p of paths) {
        const uri = uriOfWorkspacePath(p);
        if (!uri) continue;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
        if (await saveDocument(doc)) saved.push(p);
      }
      return { saved };
    },
    'mcp/authorize': async ({ server, url }) => {
      // The user decides, seeing which server and which host: the page opened is not the engine's to pick.
      const target = new URL(url);
      // Only a web page: a `command:` or `file:` link from a server's metadata is never opened.
      if (target.protocol !== 'https:' && target.protocol !== 'http:') return { opened: false };
      const host = target.host;
      const choice = await vscode.window.showInformationMessage(
        `Sign in to MCP server '${server}' at ${host}?`,
        { modal: true, detail: 'Crosswind opens the sign-in page in your browser; the tokens are kept in VS Code\'s secret storage.' },
        'Sign in',
      );
      if (choice !== 'Sign in') return { opened: false };
      return { opened: await vscode.env.openExternal(vscode.Uri.parse(url, true)) };
    },
    'mcp/oauthLoad': async ({ key }) => {
      const value = (await secrets.get(key)) ?? null;
      registerOAuthState(value);
      return { value };
    },
    'mcp/oauthSave': async ({ key, value }) => {
      registerOAuthState(value);
      if (value === null) await secrets.delete(key);
      else await secrets.store(key, value);
      return {};
    },
    'item/command/requestApproval': (params) => approvals.requestCommandApproval(params),
  };
}

/** How long a save refused because another save of the file is running waits for that one, and how often. */
const SAVE_WAIT_MS = 10_000;
const SAVE_ATTEMPTS = 3;

/**
 * Saves a document the engine edited. VS Code refuses a save that arrives while another save of the same
 * file runs its save participants — auto save starts one right after the patch's edit, and an extension's
 * onWillSave work keeps it there — and `save()` then resolves false with nothing written: that other save
 * writes the file a moment later. So a refused save waits for it (bounded), and saves again if the
 * document is still dirty. Without this the engine said "applied" while only the editor had the change.
 */
async function saveDocument(doc: vscode.TextDocument): Promise<boolean> {
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const otherSave = nextSave(doc);
    try {
      if (await doc.save()) return true;
      await otherSave.done;
    } finally {
      otherSave.dispose();
    }
    if (!doc.isDirty) return true;
  }
  return false;
}

/** Resolves when `doc` is next saved, or after SAVE_WAIT_MS. */
function nextSave(doc: vscode.TextDocument): { done: Promise<void>; dispose(): void } {
  let sub: vscode.Disposable | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<void>((resolve) => {
    sub = vscode.workspace.onDidSaveTextDocument((saved) => saved.uri.toString() === doc.uri.toString() && resolve());
    timer = setTimeout(resolve, SAVE_WAIT_MS);
  });
  return {
    done,
    dispose: () => {
      sub?.dispose();
      clearTimeout(timer);
    },
  };
}

/** An MCP server's saved OAuth state: its tokens are redacted from this side's logs too. */
function registerOAuthState(value: string | null): void {
  registerSecret(value);
  try {
    const tokens = (JSON.parse(value ?? 'null') as { tokens?: { access_token?: string; refresh_token?: string } } | null)?.tokens;
    registerSecret(tokens?.access_token);
    registerSecret(tokens?.refresh_token);
  } catch {
    // Not JSON: the whole value is registered above.
  }
}

/** Reads `exp` from a JWT access token; falls back to 50 minutes, a typical Entra token lifetime minus margin. */
function tokenExpiry(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // Not a JWT: use the default lifetime.
  }
  return Date.now() + 50 * 60_000;
}

/** The audit key: outside any workspace, beyond the reach of the commands the agent runs. */
async function createAuditKey(secrets: vscode.SecretStorage): Promise<string> {
  const key = randomBytes(32).toString('hex');
  await secrets.store(AUDIT_KEY_SECRET_ID, key);
  return key;
}
