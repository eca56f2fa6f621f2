// Answers the requests the engine sends to the editor: keys from SecretStorage, tokens from VS Code's
// Microsoft sign-in, saving documents it edited, and approvals (delegated to the ApprovalCenter).
import * as vscode from 'vscode';
import { registerSecret } from '../../protocol';
import type { ApprovalCenter } from '../review/approval-center';
import type { ClientRequestHandlers } from './engine-connection';

export function clientRequestHandlers(
  secrets: vscode.SecretStorage,
  approvals: ApprovalCenter,
  workspaceRoot: () => vscode.Uri | undefined,
): ClientRequestHandlers {
  return {
    'auth/secret': async ({ secretId }) => {
      const value = (await secrets.get(secretId)) ?? null;
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
      for (const p of paths) {
        const uri = vscode.Uri.joinPath(root, p);
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        // The engine's edit was applied a moment ago in the window; this extension host may not have heard
        // yet that the document changed (isDirty still false), so it is not asked: saving a document with
        // nothing unsaved writes nothing. (Asking it left an applied patch unsaved, the disk unchanged.) A
        // document it does not know yet is saved by its URI.
        if (doc ? await doc.save() : await vscode.workspace.save(uri)) saved.push(p);
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
