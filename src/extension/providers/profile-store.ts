// The saved provider profiles: read from user and workspace settings, saved to the scope the user chose,
// switched, and deleted together with their key in SecretStorage. Keys never go to settings: a profile
// carries only the random id its key is stored under.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ProviderProfile, type ProviderProfileInput } from '../../protocol';
import { configuredProfiles } from '../settings/engine-settings';
import { profileName } from '../settings/profile-scopes';

export type ProfileScope = 'user' | 'workspace';

export interface SavedProfile {
  profile: ProviderProfile;
  scope: ProfileScope;
  active: boolean;
}

const SECTION = 'crosswind';

function target(scope: ProfileScope): vscode.ConfigurationTarget {
  return scope === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

function secretIdOf(raw: unknown): string | undefined {
  const auth = raw && typeof raw === 'object' && 'auth' in raw ? (raw as { auth: unknown }).auth : undefined;
  return auth && typeof auth === 'object' && 'secretId' in auth && typeof auth.secretId === 'string' ? auth.secretId : undefined;
}

export class ProfileStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** A fresh, unguessable id: a workspace cannot name it to send the user's key to its own endpoint. */
  static newSecretId(): string {
    return `crosswind.key.${randomUUID()}`;
  }

  /** Every valid saved profile (the invalid ones are reported by the settings sync). */
  list(): SavedProfile[] {
    const active = this.activeName();
    const out: SavedProfile[] = [];
    for (const { raw, scope } of configuredProfiles()) {
      const parsed = ProviderProfile.safeParse(raw);
      if (parsed.success) out.push({ profile: parsed.data, scope, active: parsed.data.name === active });
    }
    return out;
  }

  /** The profile in use: crosswind.activeProfile when it names a saved profile, else the first. */
  activeName(): string | undefined {
    const names = configuredProfiles().map((p) => profileName(p.raw));
    const chosen = vscode.workspace.getConfiguration(SECTION).get<string>('activeProfile');
    return chosen && names.includes(chosen) ? chosen : names.find((n) => n !== undefined);
  }

  find(name: string): SavedProfile | undefined {
    return this.list().find((p) => p.profile.name === name);
  }

  async storeSecret(secretId: string, value: string): Promise<void> {
    await this.secrets.store(secretId, value);
  }

  async deleteSecret(secretId: string): Promise<void> {
    await this.secrets.delete(secretId);
  }

  /** Writes the profile to `scope` (replacing one of the same name there) and makes it the active one. */
  async save(input: ProviderProfileInput, scope: ProfileScope): Promise<void> {
    const list = this.raw(scope);
    const i = list.findIndex((p) => profileName(p) === input.name);
    const replaced = i >= 0 ? list[i] : undefined;
    if (i >= 0) list[i] = input;
    else list.push(input);
    await vscode.workspace.getConfiguration(SECTION).update('profiles', list, target(scope));
    await this.setActive(input.name, scope);
    const oldSecret = secretIdOf(replaced);
    if (oldSecret && oldSecret !== secretIdOf(input)) await this.forgetSecretIfUnused(oldSecret);
  }

  /**
   * Makes `name` the active profile. It is written where it takes effect: the workspace when the profile
   * or an existing choice lives there (a workspace value would hide a user one), the user settings otherwise.
   */
  async setActive(name: string, scope?: ProfileScope): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const inWorkspace = scope === 'workspace' || config.inspect<string>('activeProfile')?.workspaceValue !== undefined;
    await config.update('activeProfile', name, inWorkspace && vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  }

  /** Removes the profile from its scope and, when no other profile uses it, its key. */
  async delete(name: string, scope: ProfileScope): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const list = this.raw(scope);
    const removed = list.filter((p) => profileName(p) === name);
    await config.update(
      'profiles',
      list.filter((p) => profileName(p) !== name),
      target(scope),
    );
    const active = config.inspect<string>('activeProfile');
    if (active?.workspaceValue === name) await config.update('activeProfile', undefined, vscode.ConfigurationTarget.Workspace);
    if (active?.globalValue === name) await config.update('activeProfile', undefined, vscode.ConfigurationTarget.Global);
    for (const raw of removed) {
      const secretId = secretIdOf(raw);
      if (secretId) await this.forgetSecretIfUnused(secretId);
    }
  }

  private async forgetSecretIfUnused(secretId: string): Promise<void> {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown[]>('profiles');
    const all = [...(inspected?.globalValue ?? []), ...(inspected?.workspaceValue ?? [])];
    if (!all.some((p) => secretIdOf(p) === secretId)) await this.secrets.delete(secretId);
  }

  private raw(scope: ProfileScope): unknown[] {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown[]>('profiles');
    const value = scope === 'workspace' ? inspected?.workspaceValue : inspected?.globalValue;
    return Array.isArray(value) ? [...value] : [];
  }
}
