// Answers the requests the engine sends to the editor: keys from SecretStorage, tokens from VS Code's
// Microsoft sign-in, saving documents it edited, and approvals (delegated to the ApprovalCenter). The
// audit log's key is created in SecretStorage the first time the engine asks for it.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { AUDIT_KEY_SECRET_ID, type ClientRequestHandlers } from '../../protocol';
import { registerSecret } from '../../shared';
import type { ApprovalCenter } from '../review/approval-center';

export function clientRequestHandlers(
  secrets: vscode.SecretStorage,
  approvals: ApprovalCenter,
  workspaceRoot: () => vscode.Uri | undefined,
): ClientRequestHandlers {
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
      const root = workspaceRoot();
      const saved: string[] = [];
      if (!root) return { saved };
      // The engine names only files that held no unsaved change of the user's before its edit. Each is
      // saved by the workbench, which knows its dirty state: this extension host's `isDirty` can still be
      // false for an edit applied a moment ago, and skipping the save on it left the patch in the buffer
      // only, with the old text on disk for the next command to read.
      for (const p of paths) {
        const uri = vscode.Uri.joinPath(root, p);
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
        if (await doc.save()) saved.push(p);
      }
      return { saved };
    },
    'item/fileChange/requestApproval': (params) => approvals.requestPatchApproval(params),
    'item/command/requestApproval': (params) => approvals.requestCommandApproval(params),
  };
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
