// Secrets the process holds in its environment (AWS secret keys and session tokens, Azure client
// secrets and keys, OpenAI keys): registered for redaction at start, so a model that echoes one, or an
// error that quotes one, never writes it to a log, a thread file or the audit log.
import { isCloudCredentialEnv } from '../core/ports/shell';
import { registerSecret } from '../protocol';

const SECRET_NAME = /SECRET|TOKEN|KEY|PASSWORD|CREDENTIAL/i;
/** Names that look secret but hold only identifiers or paths. */
const NOT_SECRET = /(_ID|_FILE|_PATH|_URI|_URL|_REGION|_PROFILE|_ENDPOINT|_HOST)$/i;

export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv): number {
  let n = 0;
  for (const [name, value] of Object.entries(env)) {
    if (!value || !isCloudCredentialEnv(name) || !SECRET_NAME.test(name) || NOT_SECRET.test(name)) continue;
    registerSecret(value);
    n++;
  }
  return n;
}
