// VS Code settings (and workspace trust) → the engine's settings. Profiles that do not validate are
// left out with a warning naming the problem, so one typo does not take every provider down. Security
// settings come from user settings only (security-settings.ts).
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_COMMAND_DENY, EngineSettings, ProviderProfile, PriceTable, type EngineSettingsInput } from '../../protocol';
import { readMcpServers } from './mcp-settings';
import { mergeProfileScopes, redirectedProfiles, redirectNotice, type ScopedRawProfile } from './profile-scopes';
import { ignoredWorkspaceNotice, securityKeysIn, securityValue, type SecuritySetting } from './security-settings';

export interface SettingsReadout {
  settings: EngineSettings;
  problems: string[];
}

export function readEngineSettings(userMcpJson?: string): SettingsReadout {
  const c = vscode.workspace.getConfiguration('crosswind');
  const mcp = readMcpServers(userMcpJson);
  const problems: string[] = [...mcp.problems];
  const profiles: ProviderProfile[] = [];
  const scoped = c.inspect<unknown[]>('profiles');
  if (vscode.workspace.isTrusted) problems.push(...redirectedProfiles({ user: scoped?.globalValue, workspace: scoped?.workspaceValue }).map(redirectNotice));
  for (const [i, { raw }] of configuredProfiles(c).entries()) {
    const parsed = ProviderProfile.safeParse(raw);
    if (parsed.success) profiles.push(parsed.data);
    else problems.push(`crosswind.profiles[${i}]${nameOf(raw)}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
  }
  let pricing = {};
  const rawPricing = c.get<unknown>('pricing') ?? {};
  const parsedPricing = PriceTable.safeParse(rawPricing);
  if (parsedPricing.success) pricing = parsedPricing.data;
  else problems.push(`crosswind.pricing: ${parsedPricing.error.issues.map((x) => `${x.path.join('/')}: ${x.message}`).join('; ')}`);
  const inWorkspaceFiles = new Set(workspaceSettingsTexts().flatMap(securityKeysIn));
  const secure = <T>(key: SecuritySetting, fallback: T): T => {
    const { value, ignoredWorkspaceValue } = securityValue(c.inspect<T>(key), fallback);
    if (ignoredWorkspaceValue || inWorkspaceFiles.has(key)) problems.push(ignoredWorkspaceNotice(key));
    return value;
  };
  const auditPath = secure<string>('audit.path', '');
  const input: EngineSettingsInput = {
    approvalPolicy: secure<string>('approvalPolicy', 'read-only') as EngineSettingsInput['approvalPolicy'],
    trusted: vscode.workspace.isTrusted,
    commandAllow: secure<string[]>('commands.allow', []),
    commandDeny: secure<string[]>('commands.deny', [...DEFAULT_COMMAND_DENY]),
    protectedPaths: secure<string[] | undefined>('protectedFiles', undefined),
    shellPassCloudCredentials: secure<boolean>('shell.passCloudCredentials', false),
    shellNetwork: secure<boolean>('shell.network', false),
    profiles,
    // A name that matches no profile (deleted, or saved in another workspace) falls back to the first.
    activeProfile: profiles.find((p) => p.name === c.get<string>('activeProfile'))?.name ?? profiles[0]?.name,
    pricing,
    budgets: {
      ...(positive(c.get<number>('budget.perTurnUsd')) ? { perTurnUsd: c.get<number>('budget.perTurnUsd') } : {}),
      ...(positive(c.get<number>('budget.perDayUsd')) ? { perDayUsd: c.get<number>('budget.perDayUsd') } : {}),
    },
    retry: {
      maxAttempts: c.get<number>('retry.maxAttempts', 4),
      baseDelayMs: c.get<number>('retry.baseDelayMs', 500),
      maxDelayMs: c.get<number>('retry.maxDelayMs', 20_000),
      idleTimeoutMs: c.get<number>('retry.streamIdleTimeoutMs', 120_000),
    },
    ...(auditPath ? { auditLogPath: auditPath } : {}),
    mcpServers: mcp.servers,
    mcpAllow: secure<string[]>('mcpAllow', []),
    cloud: cloudSettings(secure),
  };
  const parsed = EngineSettings.safeParse(input);
  if (parsed.success) return { settings: parsed.data, problems };
  problems.push(...parsed.error.issues.map((x) => `crosswind.${x.path.join('.')}: ${x.message}`));
  return { settings: EngineSettings.parse({ trusted: vscode.workspace.isTrusted, profiles, pricing }), problems };
}

/**
 * User and workspace profiles merged by name (VS Code would let a workspace list hide the user's). In
 * Restricted Mode the workspace's are ignored: a workspace could point a profile at its own server.
 */
export function configuredProfiles(c: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration('crosswind')): ScopedRawProfile[] {
  const values = c.inspect<unknown[]>('profiles');
  return mergeProfileScopes({ user: values?.globalValue, ...(vscode.workspace.isTrusted ? { workspace: values?.workspaceValue } : {}) });
}

/** The workspace's own settings files: each folder's .vscode/settings.json and a multi-root .code-workspace. */
function workspaceSettingsTexts(): string[] {
  const files = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => path.join(f.uri.fsPath, '.vscode', 'settings.json'));
  const ws = vscode.workspace.workspaceFile;
  if (ws?.scheme === 'file') files.push(ws.fsPath);
  return files.flatMap((f) => {
    try {
      return [fs.readFileSync(f, 'utf8')];
    } catch {
      return [];
    }
  });
}

function positive(n: number | undefined): boolean {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

function nameOf(raw: unknown): string {
  return raw && typeof raw === 'object' && 'name' in raw && typeof raw.name === 'string' ? ` (${raw.name})` : '';
}

/** Whether a configuration change concerns the engine. */
export function affectsEngine(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('crosswind');
}

/** crosswind.cloud.*: empty strings are "not set". */
function cloudSettings(secure: <T>(key: SecuritySetting, fallback: T) => T): EngineSettingsInput['cloud'] {
  const text = (key: SecuritySetting) => secure<string>(key, '').trim() || undefined;
  const runtimeArn = text('cloud.runtimeArn');
  const qualifier = text('cloud.qualifier');
  const awsProfile = text('cloud.awsProfile');
  const endpoint = text('cloud.endpoint');
  return {
    ...(runtimeArn ? { runtimeArn } : {}),
    ...(qualifier ? { qualifier } : {}),
    ...(awsProfile ? { awsProfile } : {}),
    ...(endpoint ? { endpoint } : {}),
    approval: secure<string>('cloud.approval', 'auto-edit') as NonNullable<EngineSettingsInput['cloud']>['approval'],
  };
}
