// Security settings take effect only from the user's (or the machine's) settings, never from a
// workspace's: a workspace is content the agent can write — one patch to .vscode/settings.json must not
// switch the session to full-auto, allow a command, drop a protected pattern, hand commands the cloud
// credentials or move the audit log. package.json declares them "machine"-scoped; they are also read
// here with inspect(), workspace values ignored, so no editor that honours a workspace value anyway can
// change that. VS Code drops a machine-scoped workspace value before inspect() could show it, so the
// workspace's settings files are also read for these keys: a workspace that tries gets a visible
// notice. Pure: no vscode import.

/** crosswind.* keys that only user/machine settings may set. */
export const SECURITY_SETTINGS = [
  'approvalPolicy',
  'commands.allow',
  'commands.deny',
  'protectedFiles',
  'shell.passCloudCredentials',
  'shell.network',
  'audit.path',
  'mcpAllow',
  // Where the workspace's code is sent, and as whom: a workspace must not redirect it.
  'cloud.runtimeArn',
  'cloud.qualifier',
  'cloud.awsProfile',
  'cloud.endpoint',
  'cloud.approval',
] as const;
export type SecuritySetting = (typeof SECURITY_SETTINGS)[number];

/** The shape of WorkspaceConfiguration.inspect()'s answer that matters here. */
export interface InspectedValue<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

export interface SecurityValue<T> {
  value: T;
  /** A workspace (or folder) setting tried to set it and was ignored. */
  ignoredWorkspaceValue: boolean;
}

export function securityValue<T>(inspected: InspectedValue<T> | undefined, fallback: T): SecurityValue<T> {
  const ignoredWorkspaceValue = inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
  return { value: inspected?.globalValue ?? inspected?.defaultValue ?? fallback, ignoredWorkspaceValue };
}

export function ignoredWorkspaceNotice(key: SecuritySetting): string {
  return `crosswind.${key} is set in this workspace's settings and is ignored: security settings take effect only from your user settings.`;
}

/** The security settings a settings file's text (JSON with comments) sets, e.g. from .vscode/settings.json. */
export function securityKeysIn(text: string): SecuritySetting[] {
  return SECURITY_SETTINGS.filter((key) => new RegExp(`"crosswind\\.${key.replace(/\./g, '\\.')}"\\s*:`).test(text));
}
