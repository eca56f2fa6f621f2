// Secrets the process holds in its environment (AWS secret keys and session tokens, Azure client
// secrets and keys, OpenAI keys): registered for redaction at start, so a model that echoes one, or an
// error that quotes one, never writes it to a log, a thread file or the audit log.
import { isCloudCredentialEnv, isSecretEnvName, registerSecret } from '../shared';

export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv): number {
  let n = 0;
  for (const [name, value] of Object.entries(env)) {
    if (!value || !isCloudCredentialEnv(name) || !isSecretEnvName(name)) continue;
    registerSecret(value);
    n++;
  }
  return n;
}
