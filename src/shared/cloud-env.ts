// Environment variables that carry cloud credentials or choose the identity the engine calls the cloud
// as. Shell commands run without them unless the user allows it, so a command the model wrote cannot
// spend or leak the user's cloud access; the extension hands them to the engine over its connection
// rather than in the engine process's environment, where a command could read them from
// /proc/<engine pid>/environ.
export const CLOUD_CREDENTIAL_ENV: readonly (string | RegExp)[] = [
  /^AWS_/,
  /^AZURE_/,
  /^OPENAI_/,
  /^ARM_CLIENT_SECRET$/,
  /^AZURE_OPENAI_/,
  /^MSI_/,
  /^IDENTITY_(ENDPOINT|HEADER)$/,
  /^ANTHROPIC_API_KEY$/,
  /^GOOGLE_APPLICATION_CREDENTIALS$/,
];

export function isCloudCredentialEnv(name: string): boolean {
  return CLOUD_CREDENTIAL_ENV.some((p) => (typeof p === 'string' ? p === name : p.test(name)));
}

/** Names that carry a secret value (keys, tokens, passwords), as opposed to ids, paths, regions. */
export function isSecretEnvName(name: string): boolean {
  return /SECRET|TOKEN|KEY|PASSWORD|CREDENTIAL/i.test(name) && !/(_ID|_FILE|_PATH|_URI|_URL|_REGION|_PROFILE|_ENDPOINT|_HOST)$/i.test(name);
}
