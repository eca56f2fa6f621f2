// A source of Entra access tokens for the Azure OpenAI data plane, and what a token says about who holds it.
import type { Identity } from '../../protocol';

export interface AccessTokenSource {
  /** 'entra': DefaultAzureCredential; 'vscode': VS Code's Microsoft sign-in. */
  readonly kind: 'entra' | 'vscode';
  /** A valid token (cached and refreshed before expiry). Throws a ModelError. */
  getToken(): Promise<string>;
  /** Forget a cached token the service rejected, so the next call asks again. */
  invalidate(): void;
}

/** The claims of a JWT, without verifying it (the service verifies; we only read who it names). */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function claim(claims: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const n of names) if (typeof claims[n] === 'string' && claims[n]) return claims[n] as string;
  return undefined;
}

export function identityFromAccessToken(token: string, kind: AccessTokenSource['kind']): Identity {
  const claims = decodeJwtClaims(token) ?? {};
  const user = claim(claims, 'upn', 'preferred_username', 'unique_name', 'email');
  const app = claim(claims, 'appid', 'azp');
  const oid = claim(claims, 'oid');
  const tenantId = claim(claims, 'tid');
  const managed = claim(claims, 'xms_mirid');
  const principal = user ?? (managed ? `managed identity ${managed.split('/').pop()}` : app ? `app ${app}` : oid ? `object ${oid}` : 'unknown Entra principal');
  const source = kind === 'vscode' ? 'vscode' : managed ? 'managedIdentity' : user ? 'entra' : 'servicePrincipal';
  return { provider: 'azure', principal, ...(tenantId ? { tenantId } : {}), ...(oid ? { account: oid } : {}), source };
}
