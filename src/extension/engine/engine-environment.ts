// What the engine process is started with. Not the extension host's whole environment: the cloud
// variables (AWS_*, AZURE_*, OPENAI_*…) go to the engine over its connection (initialize options) and
// it puts them in its own process.env, so they never appear in /proc/<engine pid>/environ, where a
// command the engine runs could otherwise read them. Their secret values are registered for redaction,
// so the verbose engine trace (which shows the initialize options) never prints them.
import { isCloudCredentialEnv, isSecretEnvName, registerSecret } from '../../shared';

export interface EngineEnvironment {
  /**
   * The engine process's environment: the cloud variables emptied. (vscode-languageclient starts the
   * engine with process.env merged under what it is given, so a variable left out would come back; an
   * empty value overrides it.)
   */
  processEnv: NodeJS.ProcessEnv;
  /** The cloud variables, sent in the initialize options. */
  cloudEnv: Record<string, string>;
}

export function splitEngineEnvironment(env: NodeJS.ProcessEnv): EngineEnvironment {
  const processEnv: NodeJS.ProcessEnv = {};
  const cloudEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (isCloudCredentialEnv(name)) {
      cloudEnv[name] = value;
      processEnv[name] = '';
      if (isSecretEnvName(name)) registerSecret(value);
    } else processEnv[name] = value;
  }
  return { processEnv, cloudEnv };
}
