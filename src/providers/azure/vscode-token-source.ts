// Tokens from VS Code's own Microsoft sign-in, handed to the engine through SecretSource.getAccessToken.
// Cached until shortly before expiry; concurrent callers share one request.
import { ModelError } from '../../core/model/errors';
import type { Clock, SecretSource } from '../../core/ports/system';
import { registerSecret } from '../../shared';
import { cleanMessage } from '../openai-wire/errors';
import type { AccessTokenSource } from './access-token';

/** Refresh this long before expiry, so a token never expires during a long streamed response. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export function createVsCodeTokenSource(secrets: SecretSource, scope: string, tenantId: string | undefined, clock: Clock): AccessTokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    try {
      const got = await secrets.getAccessToken([scope], tenantId);
      registerSecret(got.token);
      cached = { token: got.token, expiresAt: got.expiresAt };
      return got.token;
    } catch (e) {
      throw new ModelError('authExpired', `VS Code's Microsoft sign-in gave no token for ${scope}: ${cleanMessage(e instanceof Error ? e.message : String(e))}`, {
        provider: 'azure',
        fix: 'Sign in to your Microsoft work account in VS Code (Accounts menu), then try again.',
        cause: e,
      });
    } finally {
      pending = undefined;
    }
  };
  return {
    kind: 'vscode',
    getToken() {
      if (cached && cached.expiresAt - clock.now() > REFRESH_MARGIN_MS) return Promise.resolve(cached.token);
      pending ??= fetchToken();
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
